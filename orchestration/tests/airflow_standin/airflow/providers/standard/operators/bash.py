"""airflow.providers.standard.operators.bash.BashOperator (stand-in)."""

from airflow.sdk import BaseOperator


class BashOperator(BaseOperator):
    """Runs bash_command; exit code skip_on_exit_code (default 99) marks the task skipped."""

    template_fields = ("bash_command", "env", "cwd")

    def __init__(self, *, bash_command, env=None, append_env=False, cwd=None,
                 skip_on_exit_code=99, **kwargs):
        super().__init__(**kwargs)
        if not isinstance(bash_command, str):
            raise TypeError("bash_command must be a string")
        self.bash_command = bash_command
        self.env = env
        self.append_env = append_env
        self.cwd = cwd
        self.skip_on_exit_code = skip_on_exit_code
