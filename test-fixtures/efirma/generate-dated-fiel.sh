#!/usr/bin/env bash
# Regenerates the self-signed "dated" e.firma look-alikes used by the taxpayers tests:
#   expired-fiel.*       valid 2020-01-01 → 2021-01-01 (always expired)
#   not-yet-valid-fiel.* valid 2090-01-01 → 2094-01-01 (never current during this code's life)
# Shaped like a SAT FIEL: x500UniqueIdentifier "<RFC> / <rep RFC>", name (2.5.4.41), no OU (so
# @nodecfdi/credentials classifies it as FIEL), serial = ASCII digits stored as hex, key as
# encrypted PKCS#8 DER. They are signed by a throwaway CA that is not kept. Password: 12345678a.
set -euo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=12345678a

openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/ca.key" -out "$work/ca.pem" -days 36500 \
  -subj "/CN=AC PRUEBAS BOVEDA/O=BOVEDA TEST FIXTURES" 2>/dev/null
mkdir -p "$work/db" && touch "$work/db/index.txt"
cat >"$work/ca.cnf" <<CNF
[ca]
default_ca = test
[test]
database = $work/db/index.txt
new_certs_dir = $work/db
preserve = yes
certificate = $work/ca.pem
private_key = $work/ca.key
serial = $work/db/serial
default_md = sha256
policy = any
unique_subject = no
copy_extensions = none
x509_extensions = fiel
[any]
commonName = supplied
name = optional
organizationName = optional
countryName = optional
x500UniqueIdentifier = supplied
[fiel]
keyUsage = critical, digitalSignature, nonRepudiation, dataEncipherment, keyAgreement
extendedKeyUsage = emailProtection, clientAuth
CNF

issue() { # name rfc serial-digits start end
  local name=$1 rfc=$2 serial=$3 start=$4 end=$5
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/$name.pem" 2>/dev/null
  openssl req -new -key "$work/$name.pem" -out "$work/$name.csr" -utf8 -subj \
    "/CN=CONTRIBUYENTE DE PRUEBA SA DE CV/name=CONTRIBUYENTE DE PRUEBA SA DE CV/O=CONTRIBUYENTE DE PRUEBA SA DE CV/C=MX/x500UniqueIdentifier=$rfc \/ VADA800927DJ3"
  printf '%s' "$serial" | xxd -p | tr -d '\n' >"$work/db/serial"; echo >>"$work/db/serial"
  openssl ca -batch -config "$work/ca.cnf" -in "$work/$name.csr" -out "$work/$name.crt" \
    -startdate "$start" -enddate "$end" -notext >"$work/ca.log" 2>&1 || { cat "$work/ca.log"; exit 1; }
  openssl x509 -in "$work/$name.crt" -outform DER -out "$name.cer"
  openssl pkcs8 -topk8 -v2 des3 -v2prf hmacWithSHA1 -in "$work/$name.pem" -outform DER -out "$name.key" -passout "pass:$pass"
}

issue expired-fiel AAA010101AAA 00001000000900000001 20200101000000Z 20210101000000Z
issue not-yet-valid-fiel AAA010101AAA 00001000000900000002 20900101000000Z 20940101000000Z
