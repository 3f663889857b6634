# Writes UnicodeData.txt (embedded in Lens.Tokenization): one line per code point that has a
# non-zero canonical combining class or a decomposition, from Python's unicodedata.
#   CP;CCC;K?;D1 D2 ...   (hex; K marks a compatibility decomposition)
# A trailing section lists composition exclusions: primary pairs that NFC must not recompose.
import sys, unicodedata

out = [f"# unicodedata {unicodedata.unidata_version}"]
for cp in range(0x110000):
    if 0xD800 <= cp <= 0xDFFF or 0xAC00 <= cp <= 0xD7A3:
        continue  # surrogates; Hangul syllables are algorithmic
    ch = chr(cp)
    ccc = unicodedata.combining(ch)
    d = unicodedata.decomposition(ch)
    if not ccc and not d:
        continue
    compat = d.startswith("<")
    parts = d.split(" ")[1:] if compat else d.split(" ") if d else []
    # A canonical pair is composable unless NFC refuses to recompose it (exclusions, singletons).
    excluded = ""
    if d and not compat:
        excluded = "" if unicodedata.normalize("NFC", "".join(chr(int(p, 16)) for p in parts)) == ch else "X"
    out.append(f"{cp:X};{ccc};{'K' if compat else ''}{excluded};{' '.join(parts)}")
open(sys.argv[1] if len(sys.argv) > 1 else "UnicodeData.txt", "w").write("\n".join(out) + "\n")
