"""A small stand-in for the parts of the Airflow 3 API that CityLake's DAG files use.

Airflow cannot be installed on the project's machines (no PyPI), so the DAG tests import the DAG
files against this. It records what a DAG declares (tasks, dependencies, templated fields, assets)
and refuses keyword arguments the real classes do not take, so a typo fails here as it would in
Airflow. It runs nothing: rendering is done by the tests with Jinja, as Airflow does.
"""
