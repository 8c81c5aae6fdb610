"""The in-memory Django project of chapters 3 and 5.

Django's settings can be configured once per process, so every test that configures Django runs
its script in a fresh interpreter; bad arguments are refused before anything is configured, so
those tests run here.
"""
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from interview_book import djangosite

SRC = Path(__file__).resolve().parent.parent / "src"


def run_script(body: str) -> str:
    """Run ``body`` in a new interpreter with the helper package importable; return its stdout."""
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    env.pop(djangosite.ASYNC_UNSAFE_VARIABLE, None)
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(body)], capture_output=True, text=True,
                          env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_database_uri_is_a_named_shared_cache_memory_database():
    assert djangosite.database_uri("shop") == "file:shop?mode=memory&cache=shared"
    for bad in ("", "a b", "x?mode=ro", "../db"):
        with pytest.raises(ValueError):
            djangosite.database_uri(bad)


@pytest.mark.parametrize("arguments, error", [
    ({"app_name": "my-app", "label": "shop"}, ValueError),
    ({"app_name": "pkg.app", "label": "shop"}, ValueError),
    ({"app_name": "class", "label": "shop"}, ValueError),
    ({"app_name": "site_app", "label": "my shop"}, ValueError),
    ({"app_name": "site_app", "label": "shop", "installed_apps": "django.contrib.auth"}, TypeError),
    ({"app_name": "site_app", "label": "shop", "installed_apps": ["site_app"]}, ValueError),
    ({"app_name": "site_app", "label": "shop", "middleware": [42]}, TypeError),
    ({"app_name": "site_app", "label": "shop", "database": "no spaces"}, ValueError),
    ({"app_name": "site_app", "label": "shop", "template_library": "shop-extras"}, ValueError),
    ({"app_name": "site_app", "label": "shop", "models": "User"}, TypeError),
    ({"app_name": "site_app", "label": "shop", "debug": True}, ValueError),
    ({"app_name": "site_app", "label": "shop", "INSTALLED_APPS": []}, ValueError),
    ({"app_name": "site_app", "label": "shop", "ROOT_URLCONF": "urls"}, ValueError),
    ({"app_name": "site_app", "label": "shop", "MIDDLEWARE": []}, ValueError),
    ({"app_name": "site_app", "label": "shop", "templates": True, "TEMPLATES": []}, ValueError),
])
def test_bad_arguments_are_refused_before_anything_is_configured(arguments, error):
    from django.conf import settings

    configured_before = settings.configured
    with pytest.raises(error):
        djangosite.configure(**arguments)
    assert settings.configured == configured_before
    assert "site_app" not in sys.modules


def test_a_configured_site_serves_requests_from_every_thread():
    out = run_script("""
        import os, threading
        from interview_book import djangosite

        class Stamp:
            def __init__(self, get_response):
                self.get_response = get_response
            def __call__(self, request):
                response = self.get_response(request)
                response["X-Stamp"] = "yes"
                return response

        def user_model():
            from django.contrib.auth.models import AbstractUser
            class User(AbstractUser):
                class Meta:
                    app_label = "shop"
            return [User]

        site = djangosite.configure(
            "site_app", label="shop", installed_apps=["django.contrib.contenttypes", "django.contrib.auth"],
            middleware=[Stamp], templates=True, template_library="shop_extras", models=user_model,
            AUTH_USER_MODEL="shop.User")
        from django.apps import apps
        from django.conf import settings
        from django.contrib.auth import get_user_model
        from django.db import models
        from django.http import HttpResponse
        from django.template import engines
        from django.test import Client
        from django.urls import path

        class Note(models.Model):
            text = models.CharField(max_length=20)
            class Meta:
                app_label = "shop"

        site.migrate()
        Note.objects.create(text="hello")
        seen = []
        worker = threading.Thread(target=lambda: seen.append(Note.objects.count()))   # its own connection
        worker.start(); worker.join()
        assert seen == [1], seen                       # the shared-cache database is the same in every thread

        config = apps.get_app_config("shop")
        assert config.models_module is site.app and os.path.isdir(config.path) and not os.listdir(config.path)
        assert get_user_model() is site.app.User and site.app.User.__module__ == "site_app"
        assert settings.MIDDLEWARE == ["site_app.Stamp"] and settings.ROOT_URLCONF == "site_app_urls"
        assert settings.DATABASES["default"]["NAME"] == "file:shop?mode=memory&cache=shared" == site.database
        assert os.environ[djangosite.ASYNC_UNSAFE_VARIABLE] == "true"
        import logging
        logged = []
        recorder = logging.Handler()
        recorder.emit = logged.append
        logging.getLogger("django.request").addHandler(recorder)

        @site.template_library.filter
        def shout(value):
            return value.upper()
        site.templates["note.html"] = "{% load shop_extras %}{{ note.text|shout }}"
        client = Client()
        assert client.get("/note/").status_code == 404
        assert logged == []                            # a 4xx warning is not logged

        def broken(request):
            raise RuntimeError("bug")
        site.add_routes(path("broken/", broken))
        assert Client(raise_request_exception=False).get("/broken/").status_code == 500
        assert [record.levelname for record in logged] == ["ERROR"]   # a server error still is
        site.add_routes(path("note/", lambda request: HttpResponse(
            engines["django"].get_template("note.html").render({"note": Note.objects.get()}))))
        response = client.get("/note/")                # the route added after the first request is found
        assert (response.status_code, response.content, response["X-Stamp"]) == (200, b"HELLO", "yes")

        assert site.expose(Note) == "site_app.Note"
        try:
            site.expose(object(), "Note")
        except ValueError as error:
            print("expose:", error)

        again = djangosite.configure(
            "site_app", label="shop", installed_apps=["django.contrib.contenttypes", "django.contrib.auth"],
            middleware=[Stamp], templates=True, template_library="shop_extras", models=user_model,
            AUTH_USER_MODEL="shop.User")
        assert again is site is djangosite.current()
        try:
            djangosite.configure("site_app", label="shop", installed_apps=["django.contrib.contenttypes"],
                                 middleware=[Stamp], templates=True, template_library="shop_extras",
                                 models=user_model, AUTH_USER_MODEL="shop.User", DEBUG=True)
        except djangosite.AlreadyConfigured as error:
            print("reconfigure:", error)
    """)
    assert "expose: site_app.Note already names another object" in out
    reconfigure = next(line for line in out.splitlines() if line.startswith("reconfigure:"))
    assert "configured only once" in reconfigure
    assert "installed_apps:" in reconfigure and "DEBUG: '<unset>' -> True" in reconfigure
    assert "AUTH_USER_MODEL" not in reconfigure            # only what differs is named


def test_async_safety_can_be_enforced_for_a_block():
    out = run_script("""
        import asyncio
        from interview_book import djangosite

        djangosite.configure("site_app", label="shop", installed_apps=["django.contrib.contenttypes"]).migrate()
        from django.core.exceptions import SynchronousOnlyOperation
        from django.contrib.contenttypes.models import ContentType

        async def sync_query_inside_the_loop():
            return ContentType.objects.count()

        print("allowed:", asyncio.run(sync_query_inside_the_loop()) >= 0)
        with djangosite.async_safety_enforced():
            try:
                asyncio.run(sync_query_inside_the_loop())
            except SynchronousOnlyOperation:
                print("refused inside the block")
        print("allowed again:", asyncio.run(sync_query_inside_the_loop()) >= 0)
    """)
    assert out.splitlines() == ["allowed: True", "refused inside the block", "allowed again: True"]


def test_models_must_belong_to_the_app_and_settings_configured_elsewhere_are_refused():
    out = run_script("""
        from django.conf import settings
        settings.configure()
        from interview_book import djangosite
        try:
            djangosite.configure("site_app", label="shop")
        except djangosite.AlreadyConfigured as error:
            print(error)
    """)
    assert "configured without djangosite" in out

    out = run_script("""
        from interview_book import djangosite

        def wrong_label():
            from django.db import models
            class Thing(models.Model):
                class Meta:
                    app_label = "contenttypes"
            return [Thing]
        try:
            djangosite.configure("site_app", label="shop", installed_apps=["django.contrib.contenttypes"],
                                 models=wrong_label)
        except TypeError as error:
            print(error)
    """)
    assert "Meta.app_label = 'shop'" in out
