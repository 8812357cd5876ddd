"""Behaviour of augment.py on small hand-written records.

Run: python3 -m unittest model-serving/python/test_augment.py (or discovery from model-serving/python).
"""
import json
import os
import random
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from augment import Augmenter, SEPARATORS, finder, substitute  # noqa: E402


def record(text: str, **target) -> dict:
    base = {"documentType": "BILL_OF_LADING", "billOfLadingNumber": None, "bookingNumber": None,
            "shipper": None, "consignee": None, "notifyParty": None, "carrier": None, "vesselName": None,
            "portOfLoading": None, "portOfDischarge": None, "placeOfReceipt": None, "placeOfDelivery": None,
            "containers": []}
    base.update(target)
    return {"id": "test-1", "split": "train", "layout": "hand", "format": "TXT", "heldOutLayout": False,
            "heldOutValues": False, "text": text, "target": json.dumps(base, separators=SEPARATORS, ensure_ascii=False)}


def run(rec: dict, seed: int = 7):
    result = substitute(rec, random.Random(seed))
    if result is None:
        return None, json.loads(rec["target"]), rec["text"]
    return result, json.loads(result.record["target"]), result.record["text"]


class AugmentTest(unittest.TestCase):

    def test_upper_case_text_gets_upper_case_new_name_and_target_keeps_mixed_case(self):
        rec = record("SHIPPER\nSOCIÉTÉ GIRARD S.A.S.\n12 RUE X\nSHIPPER SIGNATURE: Société Girard S.A.S.",
                     shipper={"name": "Société Girard S.A.S.", "address": "12 Rue X", "countryCode": "FR"})
        result, target, text = run(rec)
        new = target["shipper"]["name"]
        self.assertNotEqual(new, "Société Girard S.A.S.")
        self.assertNotEqual(new, new.upper())
        self.assertIn(new.upper(), text)
        self.assertIn(new, text)
        self.assertIsNone(finder("Société Girard S.A.S.").search(text))
        self.assertEqual(target["shipper"]["address"], "12 Rue X")
        self.assertEqual(target["shipper"]["countryCode"], "FR")

    def test_name_printed_without_accents_is_replaced_without_accents(self):
        rec = record("SHIPPER: SOCIETE GIRARD S.A.S.",
                     shipper={"name": "Société Girard S.A.S.", "address": None, "countryCode": "FR"})
        _, target, text = run(rec)
        self.assertNotIn("GIRARD", text)
        self.assertTrue(finder(target["shipper"]["name"]).search(text))

    def test_value_absent_from_text_is_left_untouched(self):
        rec = record("SHIPPER: ACME TRADING LTD\nCONSIGNEE: TO ORDER",
                     shipper={"name": "Acme Trading Ltd", "address": None, "countryCode": None},
                     consignee={"name": "Nordic Imports AB", "address": None, "countryCode": "SE"})
        result, target, _ = run(rec)
        self.assertIsNotNone(result)
        self.assertEqual(target["consignee"]["name"], "Nordic Imports AB")
        self.assertNotEqual(target["shipper"]["name"], "Acme Trading Ltd")
        self.assertEqual(result.kinds["party"], 1)

    def test_port_with_printed_code_gets_new_name_and_code_of_same_country(self):
        rec = record("Port of Loading: Hamburg / DEHAM\nPort of Discharge: ROTTERDAM",
                     portOfLoading={"name": "Hamburg", "unlocode": "DEHAM"},
                     portOfDischarge={"name": "Rotterdam", "unlocode": "NLRTM"})
        _, target, text = run(rec)
        loading, discharge = target["portOfLoading"], target["portOfDischarge"]
        self.assertNotEqual(loading["name"], "Hamburg")
        self.assertRegex(loading["unlocode"], r"^DE[A-Z2-9]{3}$")
        self.assertNotEqual(loading["unlocode"], "DEHAM")
        self.assertIn(f"{loading['name']} / {loading['unlocode']}", text)
        self.assertNotIn("DEHAM", text)
        # Its code is not printed, so an invented name could not be matched to a code: kept as it is.
        self.assertEqual(discharge, {"name": "Rotterdam", "unlocode": "NLRTM"})
        self.assertIn("ROTTERDAM", text)

    def test_place_without_code_is_substituted_and_shared_value_gets_one_mapping(self):
        rec = record("Place of Receipt: Santos\nPort of Loading: SANTOS (BRSSZ)\nDelivery: Nowhere Town",
                     placeOfReceipt={"name": "Santos", "unlocode": "BRSSZ"},
                     portOfLoading={"name": "Santos", "unlocode": "BRSSZ"},
                     placeOfDelivery={"name": "Nowhere Town", "unlocode": None})
        _, target, text = run(rec)
        self.assertEqual(target["placeOfReceipt"], target["portOfLoading"])
        self.assertNotEqual(target["portOfLoading"]["name"], "Santos")
        self.assertIn(target["portOfLoading"]["name"].upper() + " (" + target["portOfLoading"]["unlocode"] + ")", text)
        self.assertNotEqual(target["placeOfDelivery"]["name"], "Nowhere Town")
        self.assertIsNone(target["placeOfDelivery"]["unlocode"])
        self.assertNotIn("Santos", text)

    def test_scac_prefix_of_bill_of_lading_number_changes_with_the_scac(self):
        rec = record("MAERSK A/S   SCAC MAEU\nB/L No. MAEU 240512345\nNotify: MAERSK A/S",
                     billOfLadingNumber="MAEU240512345", carrier={"name": "Maersk A/S", "scac": "MAEU"})
        _, target, text = run(rec)
        scac = target["carrier"]["scac"]
        self.assertRegex(scac, r"^[A-Z]{4}$")
        self.assertNotEqual(scac, "MAEU")
        self.assertEqual(target["billOfLadingNumber"], scac + "240512345")
        self.assertIn(f"B/L No. {scac} 240512345", text)
        self.assertIn(f"SCAC {scac}", text)
        self.assertNotIn("MAEU", text)
        self.assertNotIn("MAERSK", text.upper())

    def test_carrier_whose_scac_starts_a_container_number_is_kept(self):
        rec = record("Carrier: Maersk A/S SCAC MAEU\nContainer MAEU 123456-5",
                     carrier={"name": "Maersk A/S", "scac": "MAEU"},
                     containers=[{"containerNumber": "MAEU1234565"}])
        result, target, text = run(rec)
        self.assertIsNone(result)
        self.assertEqual(target["carrier"], {"name": "Maersk A/S", "scac": "MAEU"})

    def test_vessel_containing_carrier_name_is_replaced_whole(self):
        rec = record("Carrier: HMM SCAC HDMU\nVessel: HMM LOTUS 012E",
                     carrier={"name": "HMM", "scac": "HDMU"}, vesselName="HMM LOTUS")
        _, target, text = run(rec)
        self.assertIn(f"Vessel: {target['vesselName']} 012E", text)
        self.assertIn(f"Carrier: {target['carrier']['name'].upper()} SCAC {target['carrier']['scac']}", text)
        self.assertNotRegex(text, r"\bHMM\b")

    def test_same_name_cased_differently_in_two_fields_gets_one_invented_name(self):
        rec = record("CARRIER: HMM Co., Ltd. SCAC HDMU\nSHIPPER: HMM CO., LTD.\nSEOUL",
                     carrier={"name": "HMM Co., Ltd.", "scac": "HDMU"},
                     shipper={"name": "HMM CO., LTD.", "address": "SEOUL", "countryCode": "KR"})
        _, target, text = run(rec)
        carrier = target["carrier"]["name"]
        self.assertNotEqual(carrier, "HMM Co., Ltd.")
        self.assertEqual(target["shipper"]["name"], carrier.upper())
        self.assertIn(f"CARRIER: {carrier} SCAC", text)
        self.assertIn(f"SHIPPER: {carrier.upper()}", text)

    def test_target_keeps_keys_order_and_compact_form(self):
        rec = record("SHIPPER: Zoë & Søn ApS \"Nord\"", shipper={"name": "Zoë & Søn ApS \"Nord\"", "address": None,
                                                                 "countryCode": "DK"})
        result, target, _ = run(rec)
        raw = result.record["target"]
        self.assertEqual(list(target), list(json.loads(rec["target"])))
        self.assertEqual(raw, json.dumps(target, separators=SEPARATORS, ensure_ascii=False))
        self.assertNotRegex(raw, r"\\u[0-9a-f]{4}")

    def test_augmenter_is_deterministic_for_a_seed_and_respects_share(self):
        recs = [record(f"SHIPPER: Alpha Beta {i} Ltd", shipper={"name": f"Alpha Beta {i} Ltd", "address": None,
                                                                 "countryCode": None}) for i in range(200)]
        for i, rec in enumerate(recs):
            rec["id"] = f"r{i}"
        first = [Augmenter(0.35, 5)(rec, i) for i, rec in enumerate(recs)]
        second = [Augmenter(0.35, 5)(rec, i) for i, rec in enumerate(recs)]
        self.assertEqual(first, second)
        changed = sum(1 for a, b in zip(first, recs) if a is not b)
        self.assertTrue(40 <= changed <= 100, changed)
        self.assertTrue(all(a is b for a, b in zip((Augmenter(0.0, 5)(r) for r in recs), recs)))
        other = [Augmenter(0.35, 6)(rec, i) for i, rec in enumerate(recs)]
        self.assertNotEqual(first, other)

    def test_new_values_are_pseudo_words_with_some_diacritics(self):
        names = set()
        for seed in range(300):
            rec = record("SHIPPER: Acme Trading Ltd", shipper={"name": "Acme Trading Ltd", "address": None,
                                                               "countryCode": None})
            _, target, _ = run(rec, seed)
            names.add(target["shipper"]["name"])
        self.assertGreater(len(names), 280)
        self.assertTrue(any(re.search(r"[éüøçåöáèëíóú]", n) for n in names))
        self.assertTrue(all(4 <= len(n) <= 60 for n in names))


if __name__ == "__main__":
    unittest.main()
