#!/usr/bin/env bash
# Regenerates the e.firma look-alikes and re-encrypted keys used by the taxpayers tests:
#   test-ca.cer            "AC PRUEBAS BOVEDA", a CA the tests trust through SAT_EXTRA_CA_FILES
#   expired-fiel.*         issued by test-ca, valid 2020-01-01 → 2021-01-01 (always expired)
#   not-yet-valid-fiel.*   issued by test-ca, valid 2090-01-01 → 2094-01-01
#   not-the-sat-fiel.*     current, issued by a throwaway CA named "NOT THE SAT"
#   impostor-fiel.*        current, issued by a throwaway CA whose name copies the SAT's test CA
#                          ("AC UAT") exactly: only the signature tells it apart
#   fiel-EKU9003173C9-100k-iterations.key / -4m-iterations.key
#                          the SAT test e.firma key re-encrypted with 100,000 (accepted, the cap)
#                          and 4,000,000 (refused) PBKDF2 iterations; password unchanged
# Shaped like a SAT FIEL: x500UniqueIdentifier "<RFC> / <rep RFC>", name (2.5.4.41), no OU (so
# @nodecfdi/credentials classifies it as FIEL), serial = ASCII digits stored as hex, key as
# encrypted PKCS#8 DER. CA keys are not kept. Password of every key: 12345678a.
set -euo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=12345678a

make_ca() { # name subject
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/$1.key" -out "$work/$1.pem" -days 36500 \
    -utf8 -subj "$2" 2>/dev/null
  mkdir -p "$work/$1.db" && touch "$work/$1.db/index.txt"
  cat >"$work/$1.cnf" <<CNF
[ca]
default_ca = test
[test]
database = $work/$1.db/index.txt
new_certs_dir = $work/$1.db
preserve = yes
certificate = $work/$1.pem
private_key = $work/$1.key
serial = $work/$1.db/serial
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
# Like the SAT's own: no key identifiers, so an issuer is found by its name.
subjectKeyIdentifier = none
authorityKeyIdentifier = none
keyUsage = critical, digitalSignature, nonRepudiation, dataEncipherment, keyAgreement
extendedKeyUsage = emailProtection, clientAuth
CNF
}

issue() { # ca name rfc serial-digits start end
  local ca=$1 name=$2 rfc=$3 serial=$4 start=$5 end=$6
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/$name.pem" 2>/dev/null
  openssl req -new -key "$work/$name.pem" -out "$work/$name.csr" -utf8 -subj \
    "/CN=CONTRIBUYENTE DE PRUEBA SA DE CV/name=CONTRIBUYENTE DE PRUEBA SA DE CV/O=CONTRIBUYENTE DE PRUEBA SA DE CV/C=MX/x500UniqueIdentifier=$rfc \/ VADA800927DJ3"
  printf '%s' "$serial" | xxd -p | tr -d '\n' >"$work/$ca.db/serial"; echo >>"$work/$ca.db/serial"
  openssl ca -batch -config "$work/$ca.cnf" -in "$work/$name.csr" -out "$work/$name.crt" \
    -startdate "$start" -enddate "$end" -notext >"$work/ca.log" 2>&1 || { cat "$work/ca.log"; exit 1; }
  openssl x509 -in "$work/$name.crt" -outform DER -out "$name.cer"
  openssl pkcs8 -topk8 -v2 des3 -v2prf hmacWithSHA1 -in "$work/$name.pem" -outform DER -out "$name.key" -passout "pass:$pass"
}

make_ca test-ca "/CN=AC PRUEBAS BOVEDA/O=BOVEDA TEST FIXTURES"
openssl x509 -in "$work/test-ca.pem" -outform DER -out test-ca.cer
issue test-ca expired-fiel AAA010101AAA 00001000000900000001 20200101000000Z 20210101000000Z
issue test-ca not-yet-valid-fiel AAA010101AAA 00001000000900000002 20900101000000Z 20940101000000Z

make_ca not-the-sat "/CN=NOT THE SAT/O=NOT THE SAT"
issue not-the-sat not-the-sat-fiel AAA010101AAA 00001000000900000003 20240101000000Z 20340101000000Z

# The subject of the SAT's test CA, attribute for attribute (sat-ca/test/TEST_AC_UAT_2022.cer).
make_ca impostor "/CN=AC UAT/O=SERVICIO DE ADMINISTRACION TRIBUTARIA/OU=SAT-IES Authority/emailAddress=oscar.martinez@sat.gob.mx/street=3ra cerrada de caliz/postalCode=06370/C=MX/ST=CIUDAD DE MEXICO/L=COYOACAN/x500UniqueIdentifier=2.5.4.45/unstructuredName=responsable: ACDMA-SAT"
issue impostor impostor-fiel EKU9003173C9 30001000000500009999 20240101000000Z 20340101000000Z

openssl pkcs8 -inform DER -in fiel-EKU9003173C9.key -passin "pass:$pass" -out "$work/eku.pem"
for iter in 100000:100k 4000000:4m; do
  openssl pkcs8 -topk8 -v2 des3 -v2prf hmacWithSHA1 -iter "${iter%%:*}" -in "$work/eku.pem" -outform DER \
    -out "fiel-EKU9003173C9-${iter##*:}-iterations.key" -passout "pass:$pass"
done
