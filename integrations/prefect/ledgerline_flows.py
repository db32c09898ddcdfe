"""Ledgerline's named flows as a Prefect flow, for teams that already orchestrate with Prefect.

``ledgerline_flow(name)`` runs the Ledgerline CLI, ``flows run <name>``, in a checkout of the
repository and fails (with the CLI's output) when the CLI exits non-zero. Ledgerline's flow runner
keeps its own guarantees (one run of a flow at a time, retries with backoff, run history), so the
Prefect task does not retry. ``serve()`` below registers one deployment per flow on its schedule.

Settings (environment of the Prefect worker, read when the task runs):
  LEDGERLINE_HOME  the repository checkout to run in (default: three levels above this file)
  LEDGERLINE_CLI   the command before ``flows run`` (default: ``npx nx run pipeline:serve --``)
and everything the Ledgerline CLI itself reads (DATABASE_URL, ...; see .env.example).
"""

from __future__ import annotations

import os
import shlex
import subprocess
from pathlib import Path

from prefect import flow, get_run_logger, task

# Flow name -> cron schedule (UTC), the same as integrations/airflow/dags/ledgerline_flows.py.
FLOWS: dict[str, str] = {
    "batch-statements": "0 2 * * *",
    "market-prices": "30 1 * * *",
    "warehouse-sync": "*/15 * * * *",
    "dbt-incremental": "*/5 * * * *",
    "landing-load": "*/10 * * * *",
}

DEFAULT_HOME = str(Path(__file__).resolve().parents[2])
DEFAULT_CLI = "npx nx run pipeline:serve --"


class LedgerlineFlowFailed(RuntimeError):
    """The Ledgerline CLI exited non-zero; the message carries its exit code and last output."""


def flow_command(name: str) -> list[str]:
    if name not in FLOWS:
        raise ValueError(f"unknown Ledgerline flow {name!r}; expected one of {', '.join(FLOWS)}")
    return [*shlex.split(os.environ.get("LEDGERLINE_CLI", DEFAULT_CLI)), "flows", "run", name]


@task(name="flows-run", retries=0)
def run_ledgerline_flow(name: str) -> str:
    command = flow_command(name)
    cwd = os.environ.get("LEDGERLINE_HOME", DEFAULT_HOME)
    logger = get_run_logger()
    logger.info("running %s in %s", shlex.join(command), cwd)
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    output = (result.stdout + result.stderr).strip()
    if result.returncode != 0:
        tail = "\n".join(output.splitlines()[-20:])
        raise LedgerlineFlowFailed(f"{shlex.join(command)} exited {result.returncode}:\n{tail}")
    logger.info("%s", output[-4000:])
    return output


@flow(name="ledgerline-flow", retries=0)
def ledgerline_flow(name: str) -> str:
    return run_ledgerline_flow(name)


def serve() -> None:
    """`python ledgerline_flows.py`: one deployment per Ledgerline flow, on its cron schedule."""
    from prefect import serve as prefect_serve

    prefect_serve(*[ledgerline_flow.to_deployment(name=f"ledgerline-{name}", parameters={"name": name}, cron=cron) for name, cron in FLOWS.items()])


if __name__ == "__main__":
    serve()
