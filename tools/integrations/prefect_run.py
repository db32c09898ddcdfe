"""Runs integrations/prefect's flow for real (Prefect's temporary local API server) against the
stub command in LEDGERLINE_CLI: once succeeding, once with the stub exiting 3 and once for a flow
name Ledgerline does not have; writes the final states as JSON (argv[2]). Run by tools/integrations/orchestrators.int.spec.ts.
"""

import json
import os
import sys

sys.path.insert(0, sys.argv[1])
from ledgerline_flows import ledgerline_flow  # noqa: E402

report = {}
ok = ledgerline_flow("warehouse-sync", return_state=True)
report["ok"] = {"type": ok.type.value, "result": ok.result(raise_on_failure=False)}
os.environ["STUB_EXIT"] = "3"
failed = ledgerline_flow("dbt-incremental", return_state=True)
report["failed"] = {"type": failed.type.value, "message": failed.message}
unknown = ledgerline_flow("no-such-flow", return_state=True)  # refused before any command runs
report["unknown"] = {"type": unknown.type.value, "message": unknown.message}
with open(sys.argv[2], "w", encoding="utf-8") as out:
    json.dump(report, out, default=str)
