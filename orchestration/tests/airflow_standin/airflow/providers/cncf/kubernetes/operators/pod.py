"""airflow.providers.cncf.kubernetes.operators.pod.KubernetesPodOperator (stand-in)."""

from airflow.sdk import BaseOperator


class KubernetesPodOperator(BaseOperator):
    """Runs cmds + arguments in a pod of image; skip_on_exit_code marks the task skipped."""

    template_fields = ("image", "cmds", "arguments", "env_vars", "namespace")

    def __init__(self, *, image, name=None, namespace=None, cmds=None, arguments=None,
                 env_vars=None, skip_on_exit_code=None, get_logs=True,
                 on_finish_action="delete_pod", **kwargs):
        super().__init__(**kwargs)
        if on_finish_action not in ("delete_pod", "delete_succeeded_pod", "keep_pod"):
            raise ValueError(f"on_finish_action {on_finish_action!r}")
        self.image = image
        self.name = name
        self.namespace = namespace
        self.cmds = list(cmds or [])
        self.arguments = list(arguments or [])
        self.env_vars = env_vars
        self.skip_on_exit_code = skip_on_exit_code
        self.get_logs = get_logs
        self.on_finish_action = on_finish_action
