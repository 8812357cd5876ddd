"""Writes small synthetic shipping-document JSONL files ("text", "target") for smoke tests of the training scripts.

The real training data is the corpus export of the samples module; this is only plain-text bills of lading with a
compact JSON answer, enough to see a loss fall and a package round-trip.
"""
import argparse
import json
import random

CARRIERS = ["MAERSK LINE", "HAPAG-LLOYD", "CMA CGM", "EVERGREEN", "COSCO SHIPPING", "ONE", "MSC"]
PORTS = [("Rotterdam", "NLRTM"), ("Shanghai", "CNSHA"), ("Singapore", "SGSIN"), ("Hamburg", "DEHAM"),
         ("Los Angeles", "USLAX"), ("Antwerp", "BEANR"), ("Busan", "KRPUS"), ("Felixstowe", "GBFXT")]
COMPANIES = ["Acme Trading Co", "Nordic Timber AB", "Sunrise Electronics Ltd", "Blue Ocean Foods", "Kessler GmbH",
             "Pacific Textiles", "Andes Coffee SA", "Orion Machinery"]
GOODS = ["FURNITURE", "FROZEN FISH", "LAPTOPS", "COTTON YARN", "MACHINE PARTS", "COFFEE BEANS", "TIMBER"]


def check_digit(owner_serial: str) -> int:
    values = {}
    value = 10
    for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        if value % 11 == 0:
            value += 1
        values[letter] = value
        value += 1
    total = 0
    for i, ch in enumerate(owner_serial):
        total += (values[ch] if ch.isalpha() else int(ch)) * (2 ** i)
    return total % 11 % 10


def document(rng: random.Random) -> dict:
    carrier = rng.choice(CARRIERS)
    pol, pod = rng.sample(PORTS, 2)
    shipper, consignee = rng.sample(COMPANIES, 2)
    bl = f"{carrier[:4].replace(' ', 'X')}{rng.randrange(10**7, 10**8)}"
    containers = []
    for _ in range(rng.randint(1, 3)):
        owner = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(3)) + "U"
        serial = f"{rng.randrange(10**6):06d}"
        number = owner + serial + str(check_digit(owner + serial))
        containers.append({"containerNumber": number, "sealNumber": f"SL{rng.randrange(10**6)}",
                           "packages": rng.randint(1, 900), "grossWeightKg": round(rng.uniform(500, 28000), 1),
                           "description": rng.choice(GOODS)})
    vessel = rng.choice(["EVER GIVEN", "MSC OSCAR", "CMA CGM MARCO POLO", "MAERSK MC-KINNEY"])
    voyage = f"{rng.randrange(100, 999)}{rng.choice('EWNS')}"
    lines = [f"BILL OF LADING No. {bl}", f"Carrier: {carrier}", f"Shipper: {shipper}", f"Consignee: {consignee}",
             f"Vessel: {vessel}  Voyage: {voyage}", f"Port of loading: {pol[0]} ({pol[1]})",
             f"Port of discharge: {pod[0]} ({pod[1]})", "Container  Seal  Packages  Gross weight  Description"]
    for c in containers:
        lines.append(f"{c['containerNumber']}  {c['sealNumber']}  {c['packages']} PKGS  {c['grossWeightKg']} KG  {c['description']}")
    lines.append(f"Freight {rng.choice(['PREPAID', 'COLLECT'])}")
    target = {"documentType": "BILL_OF_LADING", "billOfLadingNumber": bl, "shipper": {"name": shipper},
              "consignee": {"name": consignee}, "carrier": {"name": carrier}, "vesselName": vessel,
              "voyageNumber": voyage, "portOfLoading": {"name": pol[0], "unLocode": pol[1]},
              "portOfDischarge": {"name": pod[0], "unLocode": pod[1]}, "containers": containers}
    return {"text": "\n".join(lines), "target": json.dumps(target, separators=(",", ":"))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", required=True)
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with open(args.out, "w", encoding="utf-8") as handle:
        for _ in range(args.count):
            handle.write(json.dumps(document(rng)) + "\n")


if __name__ == "__main__":
    main()
