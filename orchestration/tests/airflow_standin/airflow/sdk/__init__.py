"""airflow.sdk: DAG, Asset and the operator base, as far as CityLake's DAGs use them."""

import re
from datetime import datetime, timedelta

TRIGGER_RULES = {
    "all_success", "all_failed", "all_done", "all_done_setup_success", "all_skipped",
    "one_success", "one_done", "one_failed", "none_failed", "none_failed_min_one_success",
    "none_skipped", "always",
}

_current = []


class Asset:
    """airflow.sdk.Asset(name=None, uri=None, *, group='asset', extra=None, watchers=())."""

    def __init__(self, name=None, uri=None, *, group="asset", extra=None, watchers=()):
        if not name and not uri:
            raise TypeError("Asset() requires either 'name' or 'uri'")
        self.name = name or uri
        self.uri = uri or name
        if not re.fullmatch(r"[a-z][a-z0-9+.-]*://.+", self.uri):
            raise ValueError(f"Asset uri {self.uri!r} has no scheme")
        self.group = group
        self.extra = extra or {}


class DAG:
    """airflow.sdk.DAG: the arguments CityLake passes, checked for type."""

    def __init__(self, dag_id, *, description=None, schedule=None, start_date=None,
                 catchup=False, max_active_runs=16, params=None, default_args=None, tags=None,
                 doc_md=None):
        if not re.fullmatch(r"[A-Za-z0-9_.-]+", dag_id):
            raise ValueError(f"dag_id {dag_id!r}: only letters, digits, _ . - allowed")
        if start_date is not None and not isinstance(start_date, datetime):
            raise TypeError("start_date must be a datetime")
        retry_delay = (default_args or {}).get("retry_delay")
        if retry_delay is not None and not isinstance(retry_delay, timedelta):
            raise TypeError("default_args['retry_delay'] must be a timedelta")
        self.dag_id = dag_id
        self.description = description
        self.schedule = schedule
        self.start_date = start_date
        self.catchup = catchup
        self.max_active_runs = max_active_runs
        self.params = dict(params or {})
        self.default_args = dict(default_args or {})
        self.tags = list(tags or [])
        self.doc_md = doc_md
        self.task_dict = {}

    def __enter__(self):
        _current.append(self)
        return self

    def __exit__(self, *exc):
        _current.pop()
        return False

    @property
    def tasks(self):
        return list(self.task_dict.values())


class BaseOperator:
    """The operator base: task id, trigger rule, outlets, retries, and >> / << wiring."""

    template_fields = ()

    def __init__(self, *, task_id, trigger_rule="all_success", outlets=None, doc_md=None,
                 retries=None, retry_delay=None):
        if not _current:
            raise RuntimeError(f"task {task_id} created outside a DAG context")
        if trigger_rule not in TRIGGER_RULES:
            raise ValueError(f"task {task_id}: unknown trigger rule {trigger_rule!r}")
        for outlet in outlets or []:
            if not isinstance(outlet, Asset):
                raise TypeError(f"task {task_id}: outlet {outlet!r} is not an Asset")
        self.dag = _current[-1]
        if task_id in self.dag.task_dict:
            raise ValueError(f"task id {task_id} appears twice in {self.dag.dag_id}")
        self.task_id = task_id
        self.trigger_rule = trigger_rule
        self.outlets = list(outlets or [])
        self.doc_md = doc_md
        self.retries = self.dag.default_args.get("retries", 0) if retries is None else retries
        self.retry_delay = retry_delay or self.dag.default_args.get("retry_delay")
        self.upstream_task_ids = set()
        self.downstream_task_ids = set()
        self.dag.task_dict[task_id] = self

    def set_downstream(self, other):
        self.downstream_task_ids.add(other.task_id)
        other.upstream_task_ids.add(self.task_id)

    def __rshift__(self, other):
        self.set_downstream(other)
        return other

    def __lshift__(self, other):
        other.set_downstream(self)
        return other
