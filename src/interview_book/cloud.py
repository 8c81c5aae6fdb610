"""Chapter 7's three clouds on 127.0.0.1, each answered by its own SDK.

No cloud account is needed: ``Aws()`` starts moto's server mode (the AWS APIs over real HTTP)
and hands out boto3 clients pointed at it; ``Azure()`` starts Azurite (Microsoft's Azure Storage
emulator) and hands out a ``BlobServiceClient`` signed with Azurite's published development key;
``Gcp()`` starts the Cloud Storage emulator and hands out a ``google.cloud.storage.Client``.
``serve_function(source, target)`` runs a Google Cloud Function with the real Functions Framework
on a free loopback port. Each starts through ``services`` and so is stopped when the kernel exits;
``stop()`` stops it sooner. Each object's ``description`` says what ran, for the page.
"""
from __future__ import annotations

from pathlib import Path

from . import services

AWS_REGION = "eu-west-1"
FAKE_AWS_KEYS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}  # moto accepts any

# Azurite's one account and its key are published in Azure's documentation and the same for
# everyone: a development credential, never a secret.
AZURITE_ACCOUNT = "devstoreaccount1"
AZURITE_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="

GCP_PROJECT = "book-project"


class Aws:
    """moto on loopback: ``client("s3")`` and ``resource("dynamodb")`` talk to it over HTTP."""

    def __init__(self) -> None:
        self._service = services.moto_service()
        self.endpoint: str = self._service.client
        self.description = self._service.description

    def client(self, name: str, **options):
        import boto3
        return boto3.client(name, endpoint_url=self.endpoint, region_name=AWS_REGION, **FAKE_AWS_KEYS, **options)

    def resource(self, name: str, **options):
        import boto3
        return boto3.resource(name, endpoint_url=self.endpoint, region_name=AWS_REGION, **FAKE_AWS_KEYS, **options)

    def stop(self) -> None:
        self._service.stop()


class Azure:
    """Azurite's Blob service on loopback; ``blobs`` is a ``BlobServiceClient`` for it."""

    def __init__(self) -> None:
        from azure.storage.blob import BlobServiceClient
        self._service = services.azurite_service()
        self.endpoint: str = self._service.client  # http://127.0.0.1:<port>/devstoreaccount1
        self.description = self._service.description
        self.blobs = BlobServiceClient(self.endpoint, credential={"account_name": AZURITE_ACCOUNT,
                                                                  "account_key": AZURITE_KEY})

    def stop(self) -> None:
        self.blobs.close()
        self._service.stop()


class Gcp:
    """The Cloud Storage emulator on loopback; ``storage`` is a ``google.cloud.storage.Client`` for it."""

    def __init__(self) -> None:
        from google.auth.credentials import AnonymousCredentials
        from google.cloud import storage
        self._service = services.gcs_emulator_service()
        self.endpoint: str = self._service.client
        self.description = self._service.description
        self.storage = storage.Client(project=GCP_PROJECT, credentials=AnonymousCredentials(),
                                      client_options={"api_endpoint": self.endpoint})

    def stop(self) -> None:
        self.storage.close()
        self._service.stop()


def functions_framework_server(source: Path, target: str, signature_type: str = "http") -> services.Server:
    """Google's Functions Framework serving function ``target`` of file ``source``."""
    return services.Server(
        binary="functions-framework", package="functions-framework", install="pip install -r requirements.txt",
        url_variable=None, search_path=services.BESIDE_PYTHON, start_timeout=30.0,
        arguments=lambda port, workdir: ["--source", str(source), "--target", target, "--signature-type",
                                         signature_type, "--host", "127.0.0.1", "--port", str(port)])


def serve_function(source: Path, target: str, signature_type: str = "http") -> services.RunningServer:
    """Run the function on a free loopback port; its URL is ``http://127.0.0.1:<port>``. Call ``stop()``."""
    return services.start(functions_framework_server(source, target, signature_type))
