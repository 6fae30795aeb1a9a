// Placeholder replaced when the e2e harness lands; keeps vitest's config valid meanwhile.
export default function setup(): void {}
