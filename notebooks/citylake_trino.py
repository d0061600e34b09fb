"""CityLake's Trino over its HTTP protocol, for the notebooks and the analysts' guide check.

Connects as one user (default ``analyst``) over HTTPS, verifying the stack's self-signed
certificate, and returns results as pandas DataFrames. Where to connect comes from the
environment, else from what ``citylake stack up`` wrote under the data dir:

=================  =====================================================================
``CITYLAKE_DATA_DIR``  the lake's data dir (default ``./var``)
``CITYLAKE_STACK_DIR`` the stack's folder (default ``<data dir>/stack``)
``TRINO_HOST``     default ``127.0.0.1`` (the stack listens on loopback only)
``TRINO_PORT``     default: the port of ``citylake.trino.url`` in ``<stack>/stack.properties``,
                   else ``citylake.stack.trino-port`` of ``<data dir>/citylake.properties``,
                   else 18443
``TRINO_USER``     default ``analyst``
``TRINO_PASSWORD`` default: ``trino.<user>.password`` of ``<stack>/secrets.properties``
``TRINO_CA_FILE``  PEM certificate to trust (default ``<stack>/trino/trino.crt``)
=================  =====================================================================
"""

import os
import re
import time
from pathlib import Path

import pandas as pd
import requests

__all__ = ["Trino", "TrinoError", "data_dir", "test_data_dir", "properties"]


class TrinoError(RuntimeError):
    """A query Trino refused or failed, with Trino's own message."""


def data_dir():
    return Path(os.environ.get("CITYLAKE_DATA_DIR", "var")).resolve()


def stack_dir():
    explicit = os.environ.get("CITYLAKE_STACK_DIR")
    return Path(explicit).resolve() if explicit else data_dir() / "stack"


def test_data_dir():
    """The bundled real data sets (``test-data`` of the checkout or of the distribution)."""
    explicit = os.environ.get("CITYLAKE_TEST_DATA")
    if explicit:
        return Path(explicit).resolve()
    return (Path(__file__).resolve().parent.parent / "test-data").resolve()


def properties(path):
    """A Java properties file as a dict (``key=value`` lines; ``\\:`` and ``\\=`` unescaped)."""
    values = {}
    path = Path(path)
    if not path.is_file():
        return values
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line[0] in "#!":
            continue
        m = re.match(r"((?:\\.|[^=:\s])+)\s*[=:\s]\s*(.*)", line)
        if m:
            unescape = lambda s: re.sub(r"\\(.)", r"\1", s)  # noqa: E731
            values[unescape(m.group(1))] = unescape(m.group(2))
    return values


def _port():
    if os.environ.get("TRINO_PORT"):
        return int(os.environ["TRINO_PORT"])
    url = properties(stack_dir() / "stack.properties").get("citylake.trino.url", "")
    m = re.match(r"jdbc:trino://[^:/]+:(\d+)", url)
    if m:
        return int(m.group(1))
    return int(
        properties(data_dir() / "citylake.properties").get("citylake.stack.trino-port", "18443")
    )


class Trino:
    """A Trino user on the stack; :meth:`query` runs one statement and returns a DataFrame."""

    def __init__(self, host, port, user, password, ca_file, catalog="iceberg", timeout=300):
        self.base = f"https://{host}:{port}"
        self.user = user
        self.catalog = catalog
        self.timeout = timeout
        self.session = requests.Session()
        self.session.auth = (user, password)
        # per request, not session.verify: REQUESTS_CA_BUNDLE in the environment would win over it
        self.verify = str(ca_file)
        self.session.headers.update(
            {"X-Trino-User": user, "X-Trino-Catalog": catalog, "X-Trino-Source": "citylake-notebooks"}
        )

    @classmethod
    def from_env(cls, user=None):
        user = user or os.environ.get("TRINO_USER", "analyst")
        password = os.environ.get("TRINO_PASSWORD")
        secrets = stack_dir() / "secrets.properties"
        if not password:
            password = properties(secrets).get(f"trino.{user}.password")
        if not password:
            raise TrinoError(
                f"no password for Trino user {user}: set TRINO_PASSWORD, or point CITYLAKE_DATA_DIR "
                f"at the data dir of a running stack ({secrets} has none; run `citylake stack up`)"
            )
        ca_file = Path(os.environ.get("TRINO_CA_FILE", stack_dir() / "trino" / "trino.crt"))
        if not ca_file.is_file():
            raise TrinoError(
                f"no certificate to trust at {ca_file}: set TRINO_CA_FILE to the stack's "
                "trino.crt, or CITYLAKE_DATA_DIR to the data dir `citylake stack up` used"
            )
        return cls(os.environ.get("TRINO_HOST", "127.0.0.1"), _port(), user, password, ca_file)

    def query(self, sql):
        """Runs one statement; returns its rows as a DataFrame with typed columns."""
        columns, rows = self.raw(sql)
        frame = pd.DataFrame(rows, columns=[c["name"] for c in columns])
        for c in columns:
            frame[c["name"]] = _typed(frame[c["name"]], c["type"])
        return frame

    def raw(self, sql):
        """Runs one statement; returns Trino's columns (name, type) and rows as JSON values."""
        try:
            response = self.session.post(
                self.base + "/v1/statement", data=sql.encode("utf-8"), timeout=60, verify=self.verify
            )
        except requests.exceptions.SSLError as e:
            raise TrinoError(
                f"Trino at {self.base} did not present the certificate of {self.verify} ({e}); "
                "set TRINO_CA_FILE to the trino.crt of the stack's data dir"
            ) from None
        except requests.ConnectionError as e:
            raise TrinoError(
                f"cannot reach Trino at {self.base} ({e.__class__.__name__}): is the stack up? "
                "`citylake stack status` shows it"
            ) from None
        deadline = time.monotonic() + self.timeout
        columns, rows = None, []
        while True:
            if response.status_code == 401:
                raise TrinoError(f"Trino refused user {self.user}: wrong password (HTTP 401)")
            if response.status_code != 200:
                raise TrinoError(f"Trino answered HTTP {response.status_code}: {response.text[:300]}")
            page = response.json()
            if "error" in page:
                error = page["error"]
                raise TrinoError(f"{error.get('errorName')}: {error.get('message')}\nin: {sql}")
            if columns is None and page.get("columns"):
                columns = page["columns"]
            rows.extend(page.get("data") or [])
            next_uri = page.get("nextUri")
            if not next_uri:
                break
            if time.monotonic() > deadline:
                self.session.delete(next_uri, timeout=30, verify=self.verify)
                raise TrinoError(f"query still running after {self.timeout} s, cancelled: {sql}")
            response = self.session.get(next_uri, timeout=60, verify=self.verify)
        return columns or [], rows

    def scalar(self, sql):
        """The single value of a one-row, one-column query."""
        frame = self.query(sql)
        if frame.shape != (1, 1):
            raise TrinoError(f"expected one value, got {frame.shape[0]} rows x {frame.shape[1]}: {sql}")
        return frame.iat[0, 0]


def _typed(series, trino_type):
    if trino_type.startswith("timestamp") and "with time zone" in trino_type:
        # Trino sends "2014-08-18 07:00:00.000 UTC"; the lake stores instants in UTC
        return pd.to_datetime(series.str.replace(r" UTC$", "", regex=True), utc=True)
    if trino_type.startswith("timestamp"):
        return pd.to_datetime(series)
    if trino_type == "date":
        return pd.to_datetime(series).dt.date
    if trino_type in ("double", "real") or trino_type.startswith("decimal"):
        # "NaN", "Infinity" and "-Infinity" arrive as strings, which float() reads
        return series.map(lambda v: None if v is None else float(v)).astype("float64")
    if trino_type in ("bigint", "integer", "smallint", "tinyint"):
        return series.astype("Int64")
    return series
