"""Each pytest-xdist process gets a Redis database and a broker folder of its own."""

import pytest

from tests.xdist_services import _isolate


def test_a_plain_run_keeps_the_services_it_was_given():
    environ = {"REDIS_URL": "redis://127.0.0.1:6379/0", "CELERY_BROKER_DIR": "/w/var/broker"}
    _isolate(environ)
    assert environ == {
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "CELERY_BROKER_DIR": "/w/var/broker",
    }


def test_each_process_counts_up_from_the_given_redis_database():
    first = {"PYTEST_XDIST_WORKER": "gw0", "REDIS_URL": "redis://:pw@127.0.0.1:6379/2"}
    third = {"PYTEST_XDIST_WORKER": "gw2", "REDIS_URL": "redis://:pw@127.0.0.1:6379/2"}
    _isolate(first)
    _isolate(third)
    assert first["REDIS_URL"] == "redis://:pw@127.0.0.1:6379/2"
    assert third["REDIS_URL"] == "redis://:pw@127.0.0.1:6379/4"


def test_each_process_has_its_own_broker_folder_and_no_redis_when_none_is_set():
    environ = {"PYTEST_XDIST_WORKER": "gw1", "CELERY_BROKER_DIR": "/w/var/test-broker"}
    _isolate(environ)
    assert environ == {"PYTEST_XDIST_WORKER": "gw1", "CELERY_BROKER_DIR": "/w/var/test-broker-gw1"}


def test_the_politeness_tests_redis_database_is_never_handed_out():
    environ = {"PYTEST_XDIST_WORKER": "gw3", "REDIS_URL": "redis://127.0.0.1:6379/12"}
    with pytest.raises(RuntimeError, match="no free Redis database"):
        _isolate(environ)
