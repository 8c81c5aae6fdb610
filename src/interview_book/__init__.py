"""Helpers imported by the book's notebooks: self-checks, progress, timing and demos."""
from . import kernel_cleanup

if kernel_cleanup.in_a_jupyter_kernel():
    kernel_cleanup.watch_this_kernel()  # whatever the notebook starts ends with its kernel
    kernel_cleanup.shorten_kernel_shutdown()
