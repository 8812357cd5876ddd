"""Behaviour of augment.py on small hand-written records.

Run: python3 -m unittest model-serving/python/test_augment.py (or discovery from model-serving/python); only the
standard library is needed.
"""
import json
import os
import random
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from augment import (Augmenter, Lexicon, SEPARATORS, check_digit, finder, substitute,  # noqa: E402
                     valid_container_number)
from make_lexicon import GENERATOR_DATA, generator_codes, generator_words  # noqa: E402


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

    def test_carrier_whose_scac_starts_a_container_number_that_is_not_substituted_is_kept(self):
        # MAEU1234565 has a wrong check digit (7 is right), so the container keeps its number and the SCAC with it.
        rec = record("Carrier: Maersk A/S SCAC MAEU\nContainer MAEU 123456-5",
                     carrier={"name": "Maersk A/S", "scac": "MAEU"},
                     containers=[{"containerNumber": "MAEU1234565"}])
        result, target, text = run(rec)
        self.assertIsNone(result)
        self.assertEqual(target["carrier"], {"name": "Maersk A/S", "scac": "MAEU"})
        self.assertIn("MAEU 123456-5", text)

    def test_carrier_whose_scac_starts_substituted_container_numbers_gets_their_new_prefix(self):
        rec = record("Carrier: Maersk A/S SCAC MAEU\nContainers MAEU 123456-7, MAEU7654320",
                     carrier={"name": "Maersk A/S", "scac": "MAEU"},
                     containers=[{"containerNumber": "MAEU1234567"}, {"containerNumber": "MAEU7654320"}])
        for seed in range(20):
            result, target, text = run(rec, seed)
            scac = target["carrier"]["scac"]
            numbers = [c["containerNumber"] for c in target["containers"]]
            self.assertNotEqual(scac, "MAEU")
            self.assertTrue(scac.endswith("U"), scac)
            self.assertTrue(all(n.startswith(scac) and valid_container_number(n) for n in numbers), numbers)
            self.assertEqual(len(set(numbers)), 2)
            self.assertIn(f"SCAC {scac}\nContainers {numbers[0][:4]} {numbers[0][4:10]}-{numbers[0][10]}, {numbers[1]}",
                          text)
            self.assertNotIn("MAEU", text)
            self.assertEqual(result.kinds["container"], 2)
            self.assertEqual(result.kinds["scac"], 1)

    def test_check_digit_follows_iso_6346(self):
        self.assertEqual(check_digit("CSQU305438"), 3)  # the standard's own example
        self.assertEqual(check_digit("MSCU123456"), 6)  # 5528 mod 11
        self.assertEqual(check_digit("ABCU123456"), 0)
        self.assertEqual(check_digit("CSQU123456"), 0)
        self.assertEqual(check_digit("TGHU987654"), 2)
        self.assertTrue(valid_container_number("CSQU3054383"))
        self.assertTrue(valid_container_number("MSCU1234566"))
        self.assertFalse(valid_container_number("MSCU1234565"))
        self.assertFalse(valid_container_number("MSCX1234566"))
        self.assertFalse(valid_container_number("mscu1234566"))

    def test_printed_container_number_gets_new_valid_number_in_each_printed_form(self):
        # ABCU123456 has check digit 0.
        rec = record("CONTAINER NO. ABCU 123456-0 SEAL 77\nMarks: abcu-123456-0 / ABCU1234560\nTotal 1 x 40HC",
                     containers=[{"containerNumber": "ABCU1234560", "sealNumber": "77", "sizeTypeCode": "45G1"}])
        owners, serials = set(), set()
        for seed in range(40):
            result, target, text = run(rec, seed)
            new = target["containers"][0]["containerNumber"]
            self.assertTrue(valid_container_number(new), new)
            self.assertRegex(new, r"^[A-Z]{3}U[0-9]{7}$")
            self.assertNotEqual(new[:3], "ABC")
            self.assertIn(f"CONTAINER NO. {new[:4]} {new[4:10]}-{new[10]} SEAL 77", text)
            self.assertIn(f"Marks: {new[:4].lower()}-{new[4:10]}-{new[10]} / {new}\n", text)
            self.assertNotIn("ABCU", text.upper())
            self.assertEqual(target["containers"][0]["sizeTypeCode"], "45G1")
            self.assertEqual(result.kinds["container"], 1)
            owners.add(new[:3])
            serials.add(new[4:10])
        self.assertGreater(len(owners), 30)
        self.assertIn("123456", serials)
        self.assertGreater(len(serials), 5)

    def test_containers_sharing_an_owner_code_share_the_new_one_without_collisions(self):
        # CSQU123456 has check digit 0, TGHU987654 has 2.
        rec = record("CSQU 305438-3  CSQU 123456-0  TGHU 987654-2\n",
                     containers=[{"containerNumber": "CSQU3054383"}, {"containerNumber": "CSQU1234560"},
                                 {"containerNumber": "TGHU9876542"}])
        for seed in range(40):
            _, target, text = run(rec, seed)
            first, second, third = (c["containerNumber"] for c in target["containers"])
            self.assertEqual(first[:4], second[:4])
            self.assertNotEqual(first[:3], third[:3])
            self.assertNotIn(first[:3], ("CSQ", "TGH"))
            self.assertNotIn(third[:3], ("CSQ", "TGH"))
            self.assertEqual(len({first, second, third}), 3)
            for number in (first, second, third):
                self.assertTrue(valid_container_number(number))
                self.assertIn(f"{number[:4]} {number[4:10]}-{number[10]}", text)

    def test_container_number_with_wrong_check_digit_is_left_alone(self):
        rec = record("SHIPPER: Acme Trading Ltd\nCONTAINER MSCU 123456-5 SEAL ML-4471234",
                     shipper={"name": "Acme Trading Ltd", "address": None, "countryCode": None},
                     containers=[{"containerNumber": "MSCU1234565", "sealNumber": None}])
        for seed in range(10):
            result, target, text = run(rec, seed)
            self.assertIsNotNone(result)
            self.assertEqual(target["containers"][0]["containerNumber"], "MSCU1234565")
            self.assertIn("CONTAINER MSCU 123456-5 SEAL", text)
            self.assertEqual(result.kinds["container"], 0)

    def test_container_number_not_printed_is_left_alone(self):
        rec = record("SHIPPER: Acme Trading Ltd\nCONTAINER (see rider)",
                     shipper={"name": "Acme Trading Ltd", "address": None, "countryCode": None},
                     containers=[{"containerNumber": "MSCU1234566", "sealNumber": "ML4471234"}])
        result, target, _ = run(rec)
        self.assertEqual(target["containers"][0], {"containerNumber": "MSCU1234566", "sealNumber": "ML4471234"})
        self.assertEqual(result.kinds["container"] + result.kinds["seal"], 0)

    def test_printed_seal_gets_code_of_same_shape_everywhere(self):
        rec = record("CONTAINER MSCU 123456-6 SEAL ML-4471234\nseal no. ml-4471234 intact",
                     containers=[{"containerNumber": "MSCU1234566", "sealNumber": "ML-4471234"}])
        seals = set()
        for seed in range(30):
            result, target, text = run(rec, seed)
            seal = target["containers"][0]["sealNumber"]
            self.assertRegex(seal, r"^[A-Z]{2}-[0-9]{7}$")
            self.assertNotEqual(seal, "ML-4471234")
            self.assertIn(f"SEAL {seal}\n", text)
            self.assertIn(f"seal no. {seal.lower()} intact", text)
            self.assertNotIn("4471234", text)
            self.assertEqual(result.kinds["seal"], 1)
            seals.add(seal)
        self.assertGreater(len(seals), 25)

    def test_seal_that_is_short_or_inside_another_value_is_left_alone(self):
        rec = record("CONTAINER MSCU 123456-6 SEALS 123456 / A12\nZIP 123456",
                     containers=[{"containerNumber": "MSCU1234566", "sealNumber": "123456"},
                                 {"containerNumber": None, "sealNumber": "A12"}])
        result, target, text = run(rec)
        self.assertEqual([c["sealNumber"] for c in target["containers"]], ["123456", "A12"])
        self.assertIn("SEALS 123456 / A12\nZIP 123456", text)
        self.assertEqual(result.kinds["seal"], 0)
        self.assertEqual(result.kinds["container"], 1)

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

    def test_some_new_names_start_like_another_printed_word_without_being_one(self):
        text = "VESSEL: NORDIC STAR\nSEAL 4471123 SEALED BY SHIPPER\nPAPER ROLLS"
        printed = {w.lower() for w in re.findall(r"[A-Za-z]+", text)}
        sharing = 0
        for seed in range(200):
            rec = record(text, vesselName="NORDIC STAR")
            _, target, new_text = run(rec, seed)
            for word in target["vesselName"].split():
                self.assertNotIn(word.lower(), printed - {"nordic", "star"})
                if any(len(p) >= 4 and word.lower().startswith(p[:3]) for p in ("sealed", "shipper", "paper", "rolls")):
                    sharing += 1
            self.assertIn(target["vesselName"], new_text)
        self.assertGreater(sharing, 20)

    def test_some_new_company_names_have_a_comma_before_their_legal_suffix(self):
        commas = 0
        for seed in range(300):
            rec = record("SHIPPER: Acme Trading Ltd", shipper={"name": "Acme Trading Ltd", "address": None,
                                                               "countryCode": None})
            _, target, new_text = run(rec, seed)
            name = target["shipper"]["name"]
            self.assertNotIn(" ,", name)
            if re.search(r"\w, (Inc|LLC|Ltd|S\.A\.|L\.P\.)", name):
                commas += 1
                self.assertIn(name, new_text)
        self.assertGreater(commas, 10)

    def test_some_new_names_are_real_words_that_the_document_does_not_print(self):
        lexicon = set(Lexicon.bundled().words)
        text = "VESSEL: NORDIC STAR\nCARGO: PAPER ROLLS, CHAIRS OF WOOD"
        printed = {w.lower() for w in re.findall(r"[A-Za-z]+", text)}
        real = 0
        for seed in range(200):
            _, target, new_text = run(record(text, vesselName="NORDIC STAR"), seed)
            words = [w.lower() for w in target["vesselName"].split()]
            real += sum(1 for w in words if w in lexicon)
            self.assertFalse(set(words) & (printed - {"nordic", "star"}))
            self.assertIn(target["vesselName"], new_text)
        self.assertGreater(real, 40)

    def test_some_places_become_real_ports_of_the_same_country_with_their_own_code(self):
        ports = dict(Lexicon.bundled().ports)
        real = 0
        for seed in range(100):
            rec = record("Port of Loading: Hamburg / DEHAM", portOfLoading={"name": "Hamburg", "unlocode": "DEHAM"})
            _, target, text = run(rec, seed)
            loading = target["portOfLoading"]
            if loading["unlocode"] in ports:
                real += 1
                self.assertEqual(ports[loading["unlocode"]], loading["name"])
                self.assertTrue(loading["unlocode"].startswith("DE"))
                self.assertIn(f"{loading['name']} / {loading['unlocode']}", text)
        self.assertTrue(20 <= real <= 80, real)

    def test_lexicon_holds_no_word_or_port_of_the_document_generator(self):
        generated = generator_words()
        lexicon = Lexicon.bundled()
        self.assertGreater(len(lexicon.words), 1000)
        self.assertGreater(len(lexicon.ports), 300)
        self.assertFalse(set(lexicon.words) & generated)
        self.assertFalse({code for code, _ in lexicon.ports} & generator_codes())
        self.assertFalse({w.lower() for _, name in lexicon.ports for w in re.findall(r"[A-Za-z]+", name)} & generated)
        self.assertTrue(os.path.isdir(GENERATOR_DATA))


if __name__ == "__main__":
    unittest.main()
