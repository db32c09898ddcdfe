"""Loads a DAG folder with Airflow's own DagBag and writes what it found as JSON (argv[2]).

Run by tools/integrations/orchestrators.int.spec.ts in the Airflow venv of
tools/services/integrations-env.sh; no scheduler or database is needed to parse DAGs.
"""

import json
import sys

from airflow.dag_processing.dagbag import DagBag

bag = DagBag(dag_folder=sys.argv[1])
report = {
    "errors": {path: str(error) for path, error in bag.import_errors.items()},
    "dags": {
        dag_id: {
            "tasks": [t.task_id for t in dag.tasks],
            "schedule": getattr(dag.timetable, "expression", None),
            "max_active_runs": dag.max_active_runs,
            "catchup": dag.catchup,
            "retries": [t.retries for t in dag.tasks],
            "commands": [getattr(t, "bash_command", None) for t in dag.tasks],
        }
        for dag_id, dag in bag.dags.items()
    },
}
with open(sys.argv[2], "w", encoding="utf-8") as out:
    json.dump(report, out)
