"""libpq's TLS options reach the server as written: sslmode=verify-full checks the CA and the host name."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from casefile.domain.errors import StorageFailure
from casefile.storage.server import case_names, init_database
from tests.postgres import TestServer, throwaway_server, why_not_available


def _name(text: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, text)])


def _key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def _certificate(subject: str, key: ec.EllipticCurvePrivateKey, issuer: str, signer: ec.EllipticCurvePrivateKey,
                 *, ca: bool, names: list[x509.GeneralName] | None = None) -> x509.Certificate:  # fmt: skip
    now = datetime.datetime.now(datetime.UTC)
    builder = (
        x509.CertificateBuilder().subject_name(_name(subject)).issuer_name(_name(issuer)).public_key(key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=2))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
    )  # fmt: skip
    if names:
        builder = builder.add_extension(x509.SubjectAlternativeName(names), critical=False)
    return builder.sign(signer, hashes.SHA256())


def _pem(certificate: x509.Certificate) -> bytes:
    return certificate.public_bytes(serialization.Encoding.PEM)


Served = tuple[TestServer, Path, Path]


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """A server whose certificate, signed by our CA, names localhost only; and a CA that did not sign it."""
    if why_not_available():
        pytest.skip(why_not_available() or "")
    folder = tmp_path_factory.mktemp("tls")
    ca_key, server_key, stranger_key = _key(), _key(), _key()
    ca = _certificate("Casefile test CA", ca_key, "Casefile test CA", ca_key, ca=True)
    stranger = _certificate("Another CA", stranger_key, "Another CA", stranger_key, ca=True)
    served = _certificate("localhost", server_key, "Casefile test CA", ca_key, ca=False,
                          names=[x509.DNSName("localhost")])  # fmt: skip
    (folder / "ca.pem").write_bytes(_pem(ca))
    (folder / "stranger.pem").write_bytes(_pem(stranger))
    key = server_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    with throwaway_server(tls=(_pem(served), key)) as server:
        server.admin("CREATE DATABASE casefile")
        init_database(server.url("casefile"))
        yield server, folder / "ca.pem", folder / "stranger.pem"


def test_verify_full_with_our_ca_and_the_certificates_host_name_connects(
    tls_server: tuple[TestServer, Path, Path],
) -> None:
    server, ca, _ = tls_server
    url = f"postgresql://postgres@localhost:{server.port}/casefile?sslmode=verify-full&sslrootcert={ca}"
    assert case_names(url) == []


def test_verify_full_refuses_a_certificate_from_another_ca(tls_server: Served) -> None:
    server, _, stranger = tls_server
    url = f"postgresql://postgres@localhost:{server.port}/casefile?sslmode=verify-full&sslrootcert={stranger}"
    with pytest.raises(StorageFailure, match=r"could not reach the case's server: .*certificate verify failed"):
        case_names(url)


def test_verify_full_refuses_a_host_the_certificate_does_not_name(tls_server: Served) -> None:
    server, ca, _ = tls_server
    by_address = f"postgresql://postgres@127.0.0.1:{server.port}/casefile?sslrootcert={ca}"
    assert case_names(by_address + "&sslmode=verify-ca") == []  # the CA alone is satisfied
    with pytest.raises(StorageFailure, match="does not match host name"):
        case_names(by_address + "&sslmode=verify-full")  # verify-full also wants the name the client used
