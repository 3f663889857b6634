# Generates unicode_normalization.json: seeded random strings of composing, decomposing and compatibility
# characters with their NFC/NFD/NFKC/NFKD forms from Python's unicodedata (the data the tokenizer's table
# tokenizer/Normalizers/UnicodeData.txt was generated from).
import json, random, unicodedata
pool = ("e\u0301 a\u0308 o\u0302\u0323 \u1e0b\u0323 \u212b \u2126 \u00c5 \u0041\u030a \u1100\u1161\u11a8 \uac00 \uac00\u11a8 "
        "\u0915\u093c \u0958 \ufb01 \u2460 \u00bd \uff21 \u3000 \u1e9b\u0323 \u0307\u0323 \u05b8\u05b9\u05b1 \u0344 \u0f73 "
        "\U0001d15e \U0001d160 \u00e9 \u00f1 \u0301\u0301 x \u0041 \u00a0 \u2028 \ufe00 \u0338 = \u2260 < \u226e").split(" ")
rng = random.Random(5)
cases = []
for _ in range(400):
    s = "".join(rng.choice(pool) for _ in range(rng.randint(1, 8)))
    cases.append({"text": s, **{f: unicodedata.normalize(f, s) for f in ("NFC", "NFD", "NFKC", "NFKD")}})
json.dump({"unidata_version": unicodedata.unidata_version, "cases": cases}, open("unicode_normalization.json", "w"), ensure_ascii=False, indent=0)
print(len(cases))
