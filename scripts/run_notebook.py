"""Execute chapter notebooks top to bottom in a fresh kernel and save their outputs in place.

    python scripts/run_notebook.py notebooks/02_advanced_python.ipynb [...]

Execution timestamps are not recorded (they would change every cell's metadata on each run and
bury the real changes in diffs). Widget state is not stored, and the ipywidgets view reference is removed from each output: it
points at a model that existed only in the kernel that ran the notebook, so a reader opening
the file would see "model not found" instead of the self-check's HTML rendering. Running the
cell again in JupyterLab brings the live widget back.
"""
from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def run(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=300, kernel_name="python3", store_widget_state=False,
                   record_timing=False, resources={"metadata": {"path": str(path.parent)}}).execute()
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            output.get("data", {}).pop(WIDGET_VIEW, None)
    notebook.metadata.pop("widgets", None)
    nbformat.write(notebook, path)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    for argument in sys.argv[1:]:
        run(Path(argument))
        print(f"executed {argument}")
