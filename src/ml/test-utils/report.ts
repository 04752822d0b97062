// Owns how tests print a measured figure (accuracy, timing) into the test output.

/** Writes one line to the test log; figures a test states must be visible in its run. */
export function report(line: string): void {
  // eslint-disable-next-line no-console -- a test's measured figure is its report, not debugging
  console.log(line);
}
