export declare const REPO_ROOT: string;
export declare const CLIENT_DIST: string;
export declare const CLIENT_TEST_DIST: string;
export declare const SERVER_DIST: string;
export declare const SERVER_ENTRY: string;
export declare function isStale(output: string, sources: readonly string[]): boolean;
export interface ClientBuildOptions {
  /** Build the test build (dist/client-test, with the test handle) instead of the production one. */
  test?: boolean;
}
export declare function ensureClientBuilt(options?: ClientBuildOptions): string;
export declare function ensureServerBuilt(): void;
