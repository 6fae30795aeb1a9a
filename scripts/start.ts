// `npm start`: build the client if its sources changed, then run the server.
import { ensureClientBuilt } from './clientBuild';

ensureClientBuilt();
await import('../server/main');
