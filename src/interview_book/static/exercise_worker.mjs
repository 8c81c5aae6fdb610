// Runs exercise tests in Pyodide, off the page's main thread. Started by exercises.js on the
// reader's first Run, so nothing of Pyodide is fetched before; the page terminates this worker
// when a run passes its time limit. Messages out: {event: "ready"}, then per run
// {event: "started"}, one {event: "case", ...} per case, and {event: "done"} or {event: "error"}.
import { loadPyodide } from "./pyodide/pyodide.mjs";

const here = new URL(".", import.meta.url);

async function start() {
  const pyodide = await loadPyodide({ indexURL: new URL("pyodide/", here).href });
  for (const name of ["exercise_runner.py", "shop.py"]) {
    const response = await fetch(new URL(name, here));
    if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
    pyodide.FS.writeFile(`/home/pyodide/${name}`, await response.text());
  }
  pyodide.runPython("import sys; sys.path.insert(0, '/home/pyodide')");
  return pyodide.pyimport("exercise_runner");
}

const runner = start();
runner.then(
  () => postMessage({ event: "ready" }),
  (error) => postMessage({ event: "failed", message: String(error) }),
);

onmessage = async ({ data }) => {
  const module = await runner;
  postMessage({ event: "started" });
  try {
    // callPromising lets Python block on JavaScript promises (stack switching), which asyncio.run needs.
    await module.run_and_emit.callPromising(JSON.stringify(data.exercise), data.submission,
      (line) => postMessage(JSON.parse(line)));
  } catch (error) {
    postMessage({ event: "error", message: `The in-browser test run failed (${error}).` });
  }
};
