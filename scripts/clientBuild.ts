// The test setup and the bench build the client as `npm start` does (scripts/builds.mjs); they also build the test build.
export { CLIENT_DIST, CLIENT_TEST_DIST, ensureClientBuilt, type ClientBuildOptions } from './builds.mjs';
