// The test setup and the bench build the client as `npm start` does (scripts/builds.mjs).
export { CLIENT_DIST, ensureClientBuilt } from './builds.mjs';
