"""Chapter 7's clouds on loopback: each emulator answers its own SDK and is gone after ``stop()``."""
from pathlib import Path

import httpx

from interview_book import cloud, services
from test_services import needs


def refuses_connections(url: str) -> bool:
    return not services.accepts_connections(int(url.split(":")[2].split("/")[0]))


@needs(services.MOTO)
def test_aws_clients_reach_moto_and_a_presigned_url_works_over_plain_http():
    aws = cloud.Aws()
    try:
        s3 = aws.client("s3")
        s3.create_bucket(Bucket="book-cloud-test", CreateBucketConfiguration={"LocationConstraint": cloud.AWS_REGION})
        aws.resource("s3").Object("book-cloud-test", "note.txt").put(Body=b"hello")
        url = s3.generate_presigned_url("get_object", Params={"Bucket": "book-cloud-test", "Key": "note.txt"})
        assert httpx.get(url).content == b"hello"
        assert "moto_server" in aws.description
    finally:
        aws.stop()
    assert refuses_connections(aws.endpoint)


@needs(services.AZURITE)
def test_azure_blobs_reach_azurite_with_the_development_key():
    azure = cloud.Azure()
    try:
        azure.blobs.create_container("book-cloud-test").upload_blob("note.txt", b"hello")
        assert azure.blobs.get_blob_client("book-cloud-test", "note.txt").download_blob().readall() == b"hello"
        assert azure.endpoint.endswith("/" + cloud.AZURITE_ACCOUNT)
    finally:
        azure.stop()
    assert refuses_connections(azure.endpoint)


@needs(services.GCS_EMULATOR)
def test_gcp_storage_reaches_the_emulator_without_any_environment_variable(monkeypatch):
    monkeypatch.delenv("STORAGE_EMULATOR_HOST", raising=False)
    gcp = cloud.Gcp()
    try:
        gcp.storage.create_bucket("book-cloud-test").blob("note.txt").upload_from_string("hello")
        assert gcp.storage.bucket("book-cloud-test").blob("note.txt").download_as_bytes() == b"hello"
    finally:
        gcp.stop()
    assert refuses_connections(gcp.endpoint)


def test_a_cloud_function_is_served_by_the_functions_framework_over_http(tmp_path: Path):
    source = tmp_path / "main.py"
    source.write_text("import functions_framework\n\n\n@functions_framework.http\ndef greet(request):\n"
                      "    return {'hello': request.args.get('name', 'world')}\n")
    running = cloud.serve_function(source, "greet")
    url = f"http://127.0.0.1:{running.port}"
    try:
        assert httpx.get(url, params={"name": "Ada"}).json() == {"hello": "Ada"}
    finally:
        running.stop()
    assert refuses_connections(url)
