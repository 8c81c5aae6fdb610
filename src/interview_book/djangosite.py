"""A Django project inside one Python process, without files: settings, an app and a URLconf.

A real project has ``settings.py``, ``urls.py`` and an app package with ``models.py``.
``configure("django_shop_app", label="shop", ...)`` builds the same from arguments: it calls
``settings.configure()`` and ``django.setup()``, and registers two modules that exist only in
memory, the app (``site.app``) and the root URLconf (``site.urls``), because Django imports
everything by dotted path. Four details make that work in a notebook:

- **One database for every thread.** A plain ``:memory:`` SQLite database belongs to the
  connection that opened it, and Django opens one connection per thread, so each request thread
  of a threaded server would see its own empty database. The helper uses a *named* in-memory
  database in shared-cache mode (``file:NAME?mode=memory&cache=shared``), which every connection
  in the process shares. Django opens SQLite in URI mode and ignores ``close()`` on in-memory
  databases, so the data lives as long as the process.
- **An app without a package.** The app's ``AppConfig`` gets an explicit ``path`` (an empty
  temporary directory), because the module has no directory of its own, and sets
  ``models_module`` to the app module: ``migrate`` creates tables (and content types and
  permissions) only for apps that have a models module. Models defined later, anywhere, join
  the app through ``class Meta: app_label = <label>``. A model that other apps need while Django
  starts, such as a custom user model named by ``AUTH_USER_MODEL``, is defined by the ``models``
  callable, which Django calls while it imports the app's models.
- **Async safety.** Jupyter runs cells while an event loop runs in the main thread, so Django's
  check would refuse ORM calls there; ``DJANGO_ALLOW_ASYNC_UNSAFE`` turns the check off for the
  process. ``async_safety_enforced()`` turns it back on for a block, to show what an async view
  would get.
- **Quiet logs.** With ``DEBUG = False`` Django logs every 4xx and 5xx on ``django.request``;
  notebooks cause such responses on purpose, so the ``django`` loggers go to a ``NullHandler``.

Settings are process-wide and can be configured once: calling ``configure`` again with the same
arguments returns the same ``Site``; with different ones it raises ``AlreadyConfigured``, which
names the differences. Any other setting is passed as a keyword argument in upper case
(``AUTH_USER_MODEL="shop.User"``, ``REST_FRAMEWORK={...}``).
"""
from __future__ import annotations

import atexit
import keyword
import os
import secrets
import shutil
import sys
import tempfile
import types
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

ASYNC_UNSAFE_VARIABLE = "DJANGO_ALLOW_ASYNC_UNSAFE"
CONFIG_CLASS = "SiteConfig"  # the AppConfig's name inside the app module
DEFAULT_ALLOWED_HOSTS = ("127.0.0.1", "localhost", "testserver")  # "testserver": the test Client's Host
OWNED_SETTINGS = ("INSTALLED_APPS", "ROOT_URLCONF", "DATABASES", "MIDDLEWARE")  # set through arguments


class AlreadyConfigured(RuntimeError):
    """Django's settings were configured before, differently: they can be set once per process."""


def database_uri(name: str) -> str:
    """The SQLite URI of a named in-memory database that every connection in the process shares."""
    if not name or not all(ch.isalnum() or ch in "_-" for ch in name):
        raise ValueError(f"database name {name!r}: use letters, digits, '_' and '-' only")
    return f"file:{name}?mode=memory&cache=shared"


@dataclass(eq=False)
class Site:
    """The configured project: its app module, URLconf module and what was asked for."""

    app: types.ModuleType  # put middleware, template libraries, backends here: "<app>.<Name>"
    urls: types.ModuleType  # urls.urlpatterns is the root URLconf's list
    label: str  # the app label: tables are <label>_<model>, permissions <label>.<codename>
    database: str  # the SQLite URI
    templates: dict[str, str] | None  # template name -> source, read by the locmem loader
    template_library: Any  # a django.template.Library registered under the name asked for, or None
    _request: dict[str, Any] = field(repr=False, default_factory=dict)

    @property
    def app_name(self) -> str:
        return self.app.__name__

    def expose(self, obj: Any, name: str | None = None) -> str:
        """Make ``obj`` importable as ``<app>.<name>`` (default: its ``__name__``); returns that path.

        Settings name classes by dotted path (``MIDDLEWARE``, ``AUTHENTICATION_BACKENDS``), and
        Django imports them when it first needs them, so a class defined in a notebook is exposed
        on the app module before the setting is read.
        """
        name = name or getattr(obj, "__name__", None)
        if not name or not name.isidentifier():
            raise ValueError(f"cannot expose {obj!r}: give a name that is a Python identifier")
        existing = getattr(self.app, name, None)
        if existing is not None and existing is not obj and not _same_definition(existing, obj):
            raise ValueError(f"{self.app_name}.{name} already names another object")
        setattr(self.app, name, obj)
        return f"{self.app_name}.{name}"

    def add_routes(self, *patterns: Any) -> None:
        """Append URL patterns to the root URLconf and clear the resolver's cache."""
        from django.urls import clear_url_caches

        self.urls.urlpatterns.extend(patterns)
        clear_url_caches()  # the resolver caches the patterns it has read

    def migrate(self) -> None:
        """``migrate`` for the contrib apps, plus tables for this app's models (it has no migrations)."""
        from django.core.management import call_command

        call_command("migrate", run_syncdb=True, verbosity=0)


_current: Site | None = None
_temporary_paths: list[str] = []


def current() -> Site | None:
    """The site this process configured, or None."""
    return _current


def configure(app_name: str, *, label: str, installed_apps: Iterable[str] = (),
              middleware: Iterable[str | type] = (), database: str | None = None,
              templates: bool = False, template_library: str | None = None,
              models: Callable[[], Iterable[type]] | None = None, quiet_loggers: Iterable[str] = ("django.request",),
              allow_async_unsafe: bool = True, **settings: Any) -> Site:
    """Configure Django for an in-memory app and URLconf, run ``django.setup()``, return the Site.

    ``installed_apps`` come before the app itself. ``middleware`` items are dotted paths or
    classes (a class is exposed on the app module under its name). ``templates=True`` keeps the
    project's templates in ``site.templates`` (locmem loader) and still finds the contrib apps'
    templates; ``template_library="shop_extras"`` makes ``site.template_library`` the library that
    ``{% load shop_extras %}`` loads. ``quiet_loggers`` log errors only: the demos' deliberate 4xx
    replies are not logged, a server error still is. ``models`` is called while Django imports the app's models
    and returns the model classes that must exist then (each with ``Meta.app_label = label``).
    """
    global _current
    request = _validated(app_name, label, installed_apps, middleware, database, templates, template_library,
                         models, quiet_loggers, allow_async_unsafe, settings)
    from django.conf import settings as django_settings

    if django_settings.configured:
        if _current is None:
            raise AlreadyConfigured("Django's settings were configured without djangosite in this process; "
                                    "restart the interpreter to configure them here")
        differences = _differences(_current._request, request)
        if differences:
            raise AlreadyConfigured(
                f"Django is already configured for {_current.app_name!r} in this process and settings can be "
                f"configured only once; restart the interpreter to change them. Differences: {'; '.join(differences)}")
        return _current

    import django
    from django import template as django_template

    for module_name in (app_name, f"{app_name}_urls"):
        if module_name in sys.modules:
            raise ValueError(f"module name {module_name!r} is already imported; choose another app name")

    app = types.ModuleType(app_name, f"The in-memory app {label!r} (djangosite).")
    urls = types.ModuleType(f"{app_name}_urls", "The in-memory root URLconf (djangosite).")
    urls.urlpatterns = []
    path = tempfile.mkdtemp(prefix="djangosite-")  # an empty directory: the app has no files
    _temporary_paths.append(path)
    setattr(app, CONFIG_CLASS, _app_config_class(app_name, label, path, app, models))
    site = Site(app=app, urls=urls, label=label, database=database_uri(request["database"]),
                templates={} if templates else None, template_library=None, _request=request)
    if template_library:
        site.template_library = django_template.Library()
        site.expose(site.template_library, "register")  # a template library is a module with `register`
    middleware_paths = [item if isinstance(item, str) else site.expose(item) for item in middleware]

    all_apps = [*installed_apps, f"{app_name}.{CONFIG_CLASS}"]
    values: dict[str, Any] = {
        "DEBUG": False,
        "ALLOWED_HOSTS": list(DEFAULT_ALLOWED_HOSTS),
        "SECRET_KEY": secrets.token_urlsafe(50),  # a fresh key per process; a real one comes from the environment
        "DEFAULT_AUTO_FIELD": "django.db.models.BigAutoField",
        "USE_TZ": True,
        "STATIC_URL": "static/",
        "TEMPLATES": [_template_settings(all_apps, site.templates, template_library, app_name)],
    }
    quiet = list(quiet_loggers)
    if quiet:
        values["LOGGING"] = {
            "version": 1,
            "disable_existing_loggers": False,
            "loggers": {name: {"level": "ERROR"} for name in quiet},   # drop 4xx warnings, keep 5xx errors
        }
    values.update(settings)
    values.update(ROOT_URLCONF=urls.__name__, INSTALLED_APPS=all_apps, MIDDLEWARE=middleware_paths,
                  DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": site.database}})

    if allow_async_unsafe:
        os.environ[ASYNC_UNSAFE_VARIABLE] = "true"  # notebook only: cells run inside a running event loop
    sys.modules.update({app.__name__: app, urls.__name__: urls})
    django_settings.configure(**values)
    _current = site
    django.setup()
    return site


@contextmanager
def async_safety_enforced() -> Iterator[None]:
    """Within the block, Django refuses synchronous ORM calls from a thread running an event loop."""
    saved = os.environ.pop(ASYNC_UNSAFE_VARIABLE, None)
    try:
        yield
    finally:
        if saved is not None:
            os.environ[ASYNC_UNSAFE_VARIABLE] = saved


def _app_config_class(app_name: str, label: str, path: str, app: types.ModuleType,
                      models: Callable[[], Iterable[type]] | None) -> type:
    from django.apps import AppConfig
    from django.db.models import Model

    def import_models(self):
        super(config, self).import_models()
        self.models_module = self.module  # migrate treats the app as one with models
        if models is not None:
            for model in models():
                if not (isinstance(model, type) and issubclass(model, Model)) or model._meta.app_label != label:
                    raise TypeError(f"models() must return model classes with Meta.app_label = {label!r}, "
                                    f"not {model!r}")
                model.__module__, model.__qualname__ = app_name, model.__name__  # importable as <app>.<Model>
                setattr(app, model.__name__, model)

    config = type(CONFIG_CLASS, (AppConfig,), {
        "name": app_name, "label": label, "path": path, "default_auto_field": "django.db.models.BigAutoField",
        "import_models": import_models, "__module__": app_name,
    })
    return config


def _template_settings(apps: list[str], templates: dict[str, str] | None, library: str | None,
                       app_name: str) -> dict[str, Any]:
    processors = ["django.template.context_processors.request"]
    if "django.contrib.auth" in apps:
        processors.append("django.contrib.auth.context_processors.auth")
    if "django.contrib.messages" in apps:
        processors.append("django.contrib.messages.context_processors.messages")
    options: dict[str, Any] = {"context_processors": processors}
    if library:
        options["libraries"] = {library: app_name}
    if templates is None:
        return {"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True, "OPTIONS": options}
    options["loaders"] = [
        ("django.template.loaders.locmem.Loader", templates),  # the project's templates, by name
        ("django.template.loaders.cached.Loader", ["django.template.loaders.app_directories.Loader"]),
    ]
    return {"BACKEND": "django.template.backends.django.DjangoTemplates", "OPTIONS": options}


def _validated(app_name, label, installed_apps, middleware, database, templates, template_library, models,
               quiet_loggers, allow_async_unsafe, settings) -> dict[str, Any]:
    """Check every argument before anything is configured; return a comparable summary."""
    for what, value in (("app_name", app_name), ("label", label)):
        if not isinstance(value, str) or not value.isidentifier() or keyword.iskeyword(value):
            raise ValueError(f"{what} {value!r} must be a Python identifier (no dots or dashes)")
    if isinstance(installed_apps, str) or isinstance(middleware, str) or isinstance(quiet_loggers, str):
        raise TypeError("installed_apps, middleware and quiet_loggers are lists, not a single string")
    installed_apps, middleware, quiet_loggers = list(installed_apps), list(middleware), list(quiet_loggers)
    for item in installed_apps:
        if not isinstance(item, str) or not item:
            raise TypeError(f"installed_apps holds dotted paths, not {item!r}")
        if item.split(".")[0] == app_name:
            raise ValueError(f"installed_apps must not name the app {app_name!r}: configure() adds it")
    for item in middleware:
        if not (isinstance(item, str) and item) and not isinstance(item, type):
            raise TypeError(f"middleware holds dotted paths or classes, not {item!r}")
    database = label if database is None else database
    database_uri(database)  # raises on a bad name
    if template_library is not None and (not isinstance(template_library, str) or not template_library.isidentifier()):
        raise ValueError(f"template_library {template_library!r} must be a name such as 'shop_extras'")
    if models is not None and not callable(models):
        raise TypeError("models must be a callable that returns model classes")
    for name in settings:
        if not name.isupper():
            raise ValueError(f"setting {name!r} must be upper case, as in settings.py")
        if name in OWNED_SETTINGS:
            raise ValueError(f"pass {name} through configure()'s own arguments "
                             "(app_name, installed_apps, middleware, database)")
    if templates and "TEMPLATES" in settings:
        raise ValueError("templates=True builds TEMPLATES; pass one or the other")
    return {
        "app_name": app_name, "label": label, "installed_apps": installed_apps,
        "middleware": [item if isinstance(item, str) else f"{item.__module__}.{item.__qualname__}" for item in middleware],
        "database": database, "templates": bool(templates), "template_library": template_library,
        "models": None if models is None else f"{models.__module__}.{models.__qualname__}",
        "quiet_loggers": quiet_loggers, "allow_async_unsafe": bool(allow_async_unsafe), "settings": dict(settings),
    }


def _differences(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    found = []
    for key in before:
        if key == "settings":
            old, new = before[key], after[key]
            for name in sorted(set(old) | set(new)):
                if old.get(name, "<unset>") != new.get(name, "<unset>"):
                    found.append(f"{name}: {old.get(name, '<unset>')!r} -> {new.get(name, '<unset>')!r}")
        elif before[key] != after[key]:
            found.append(f"{key}: {before[key]!r} -> {after[key]!r}")
    return found


def _same_definition(existing: Any, new: Any) -> bool:
    """A class re-defined by re-running a notebook cell may replace its earlier self."""
    return isinstance(existing, type) and isinstance(new, type) and existing.__qualname__ == new.__qualname__


@atexit.register
def _remove_temporary_paths() -> None:
    for path in _temporary_paths:
        shutil.rmtree(path, ignore_errors=True)
