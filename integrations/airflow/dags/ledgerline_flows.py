"""Ledgerline's named flows as Airflow DAGs, for teams that already schedule with Airflow.

Each DAG is one task that runs the Ledgerline CLI, ``flows run <name>``, in a checkout of the
repository. Ledgerline's flow runner keeps its own guarantees there (one run of a flow at a time,
retries with backoff, run history in ``flows history`` and the dashboard), so Airflow neither
retries nor overlaps runs: it only decides when to start one and shows the CLI's exit status.

Settings (environment of the Airflow worker, read when the task runs):
  LEDGERLINE_HOME  the repository checkout to run in (default: three levels above this file)
  LEDGERLINE_CLI   the command before ``flows run`` (default: ``npx nx run pipeline:serve --``)
and everything the Ledgerline CLI itself reads (DATABASE_URL, ...; see .env.example).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from airflow.providers.standard.operators.bash import BashOperator
from airflow.sdk import DAG

# Flow name -> Airflow schedule (UTC cron). Edit to taste; a flow Airflow starts should not also be
# scheduled by Ledgerline itself (docs/integrations.md).
FLOWS: dict[str, str] = {
    "batch-statements": "0 2 * * *",
    "market-prices": "30 1 * * *",
    "warehouse-sync": "*/15 * * * *",
    "dbt-incremental": "*/5 * * * *",
    "landing-load": "*/10 * * * *",
}

DEFAULT_HOME = str(Path(__file__).resolve().parents[3])
DEFAULT_CLI = "npx nx run pipeline:serve --"


def flow_command(name: str) -> str:
    """The shell command of one flow run; the variables are read by bash when the task runs."""
    return f'cd "${{LEDGERLINE_HOME:-{DEFAULT_HOME}}}" && exec ${{LEDGERLINE_CLI:-{DEFAULT_CLI}}} flows run {name}'


def ledgerline_dag(name: str, schedule: str) -> DAG:
    with DAG(
        dag_id=f"ledgerline_{name.replace('-', '_')}",
        description=f"Runs the Ledgerline flow {name} (nx run pipeline:serve -- flows run {name})",
        schedule=schedule,
        start_date=datetime(2026, 1, 1),
        # Ledgerline catches up on its own terms (its catch-up setting, `flows backfill`).
        catchup=False,
        max_active_runs=1,
        default_args={"retries": 0, "execution_timeout": timedelta(hours=2)},
        tags=["ledgerline"],
    ) as dag:
        BashOperator(task_id="flows_run", bash_command=flow_command(name))
    return dag


for _name, _schedule in FLOWS.items():
    globals()[f"ledgerline_{_name.replace('-', '_')}"] = ledgerline_dag(_name, _schedule)
