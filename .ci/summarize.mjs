// The "N passed, N failed" line of .ci/run, from vitest's JSON report (the path is the first argument);
// exits 1 when anything failed or nothing ran. test/ci/summary.test.ts runs it on a planted failing hook.
import { readFileSync } from "node:fs";
import process from "node:process";

const r = JSON.parse(readFileSync(process.argv[2], "utf8"));
const skipped = (r.numPendingTests || 0) + (r.numTodoTests || 0);
// A file whose hook (beforeAll, afterAll) or import failed reports its tests as skipped or not at all,
// so count failed files too: any file that failed without a failed test adds one failure.
const quietFiles = (r.testResults || []).filter((f) => f.status === "failed" &&
  !(f.assertionResults || []).some((t) => t.status === "failed"));
for (const f of quietFiles) console.log(`FAILED FILE ${f.name}: ${(f.message || f.failureMessage || "").split("\n")[0]}`);
const failed = r.numFailedTests + quietFiles.length;
// numFailedTestSuites counts describe blocks as well; the files are the testResults of the report.
const files = r.testResults || [];
const failedFiles = files.filter((f) => f.status === "failed").length;
console.log(`${r.numPassedTests} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : "") +
  (failedFiles ? ` (${failedFiles} of ${files.length} files failed)` : ""));
if (r.numTotalTests === 0) { console.error("no test ran"); process.exit(1); }
if (failed > 0 || failedFiles > 0) process.exit(1);
