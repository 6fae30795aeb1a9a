// `npm start`: build the client and the server if their sources changed, then run the compiled
// server in this same process (one Node process, no TypeScript loader at run time).
import { pathToFileURL } from 'node:url';
import { ensureClientBuilt, ensureServerBuilt, SERVER_ENTRY } from './builds.mjs';

ensureClientBuilt();
ensureServerBuilt();
await import(pathToFileURL(SERVER_ENTRY).href);
