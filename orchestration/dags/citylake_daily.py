"""CityLake's daily DAG: one DAG per city, one run per day ({{ ds }}).

The task graph is not written here: it is read from citylake_daily.json beside this file, which
`citylake schedule run` reads too, so the two cannot drift. Every task calls the `citylake` CLI,
never Java classes:

    lakehouse_init -> lakehouse_status -> traffic, parking, lighting, waste, airquality
                   -> profile (all_done) -> report (all_done)

- A job whose city has no data in its inputs exits 66 and is skipped; one whose inputs are not
  complete yet exits 75, a failure that Airflow retries (`retries`, `retry_delay_minutes`).
- The profile and the report run whatever the jobs did (trigger rule all_done): the report leaves
  out the sections without data and says so.
- Idempotent per ds and safe for backfills: each job replaces its own partitions of the day
  atomically, the report replaces its files.
- Each job task publishes Airflow Assets named after the gold tables it writes.

Environment (read when the DAG file is parsed):
    CITYLAKE_CITIES     comma-separated city ids, one DAG each (default: aarhus)
    CITYLAKE_BIN        the citylake launcher for BashOperator (default: citylake on the PATH)
    CITYLAKE_ARGS       arguments added to every command, e.g. "--profile stack --config /etc/citylake.properties"
    CITYLAKE_OPERATOR   bash (default) or kubernetes (KubernetesPodOperator)
    CITYLAKE_IMAGE, CITYLAKE_NAMESPACE   the image holding the citylake distribution, the pods' namespace
"""

import json
import os
import shlex
from datetime import datetime, timedelta
from pathlib import Path

from airflow.sdk import DAG, Asset

GRAPH_FILE = Path(__file__).with_name("citylake_daily.json")
GRAPH = json.loads(GRAPH_FILE.read_text(encoding="utf-8"))

CITIES = [c.strip() for c in os.environ.get("CITYLAKE_CITIES", "aarhus").split(",") if c.strip()]
CITYLAKE = os.environ.get("CITYLAKE_BIN", "citylake")
EXTRA_ARGS = shlex.split(os.environ.get("CITYLAKE_ARGS", ""))
OPERATOR = os.environ.get("CITYLAKE_OPERATOR", "bash")
IMAGE = os.environ.get("CITYLAKE_IMAGE", "citylake:0.1.0-SNAPSHOT")
NAMESPACE = os.environ.get("CITYLAKE_NAMESPACE", "citylake")

NO_DATA = GRAPH["exit_codes"]["no_data"]

if OPERATOR not in ("bash", "kubernetes"):
    raise ValueError(f"CITYLAKE_OPERATOR={OPERATOR!r}: use bash or kubernetes")


def asset(table):
    """The Airflow Asset of a gold table: named after it, e.g. gold.congestion_ranking."""
    return Asset(name=table, uri="citylake://" + table.replace(".", "/"))


def make_task(spec):
    """One task of the graph: the citylake command, its trigger rule and its assets."""
    common = {
        "task_id": spec["id"],
        "doc_md": spec.get("doc", ""),
        "trigger_rule": spec.get("trigger_rule", "all_success"),
        "outlets": [asset(t) for t in spec.get("assets", [])],
    }
    arguments = spec["command"] + EXTRA_ARGS
    if OPERATOR == "kubernetes":
        from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator

        return KubernetesPodOperator(
            name="citylake-" + spec["id"].replace("_", "-"),
            namespace=NAMESPACE,
            image=IMAGE,
            cmds=["citylake"],
            arguments=arguments,
            skip_on_exit_code=NO_DATA,
            get_logs=True,
            on_finish_action="delete_pod",
            **common,
        )
    from airflow.providers.standard.operators.bash import BashOperator

    return BashOperator(
        bash_command=shlex.join([CITYLAKE] + arguments),
        skip_on_exit_code=NO_DATA,
        **common,
    )


def build_dag(city):
    """The DAG of one city: every task of the graph, wired as the graph says."""
    with DAG(
        dag_id=f"{GRAPH['dag_id']}_{city}",
        description=GRAPH["description"],
        schedule=GRAPH["schedule"],
        start_date=datetime.fromisoformat(GRAPH["start_date"]),
        catchup=GRAPH["catchup"],
        max_active_runs=GRAPH["max_active_runs"],
        params={"city": city},
        default_args={
            "retries": GRAPH["retries"],
            "retry_delay": timedelta(minutes=GRAPH["retry_delay_minutes"]),
        },
        tags=["citylake", city],
        doc_md=__doc__,
    ) as dag:
        tasks = {spec["id"]: make_task(spec) for spec in GRAPH["tasks"]}
        for spec in GRAPH["tasks"]:
            for upstream in spec["upstream"]:
                tasks[upstream] >> tasks[spec["id"]]
    return dag


for _city in CITIES:
    globals()[f"{GRAPH['dag_id']}_{_city}"] = build_dag(_city)
