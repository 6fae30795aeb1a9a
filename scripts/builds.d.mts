export declare const REPO_ROOT: string;
export declare const CLIENT_DIST: string;
export declare const SERVER_DIST: string;
export declare const SERVER_ENTRY: string;
export declare function isStale(output: string, sources: readonly string[]): boolean;
export declare function ensureClientBuilt(): void;
export declare function ensureServerBuilt(): void;
