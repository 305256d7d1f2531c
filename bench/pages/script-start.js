// Imported by the shell just before the bundle, in the same module graph: it runs when
// the bundle has been fetched and compiled and its code is about to start.
window.bench.scriptStarted = performance.now();
