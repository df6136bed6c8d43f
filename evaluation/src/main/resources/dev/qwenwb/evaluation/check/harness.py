# The workbench's harness for python-tests (run by CodeTestCheck as: python3 qwb_harness.py, beside main_test.py).
#
# A pass must mean the tests ran to their end. This file runs main_test.py (prepend + the answer + the tests) and
# writes "passed NONCE" into .qwb-outcome only after it returned, "failed NONCE" when it raised an exception (an
# assertion, an error in the code), and nothing when it exited early (os._exit(0), raise SystemExit(0)) or ran out
# of memory. NONCE is random per run, read from .qwb-nonce, which is deleted before the answer runs: an answer
# that prints or writes some text cannot pass. This stops answers that end early by accident or by a trick; it
# is not proof against code written to search this harness's memory (see docs/SECURITY.md).
import os
import runpy
import sys


def _outcome():
    with open(".qwb-nonce") as f:
        nonce = f.read().strip()
    os.remove(".qwb-nonce")
    path = os.path.abspath(".qwb-outcome")

    def write(word):
        with open(path, "w") as f:
            f.write(word + " " + nonce)
    return write


_write = _outcome()
del _outcome
sys.argv = ["main_test.py"]
try:
    runpy.run_path("main_test.py", run_name="__main__")
except (SystemExit, MemoryError):
    raise
except BaseException:
    _write("failed")
    raise
_write("passed")
