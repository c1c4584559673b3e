// The launchers of real infrastructure used by tests, the bench and CI. Each one starts a
// process on an ephemeral loopback port, waits until it answers, and stops it on dispose.
export {};
