"""Renders a network with hostile school names and checks that the SVG is well-formed XML whose
text shows each name as typed (control characters replaced, nothing interpreted)."""
import json
import subprocess
import sys
import xml.etree.ElementTree as ET

exe, network, out = sys.argv[1], sys.argv[2], sys.argv[3]
names = [s["name"] for s in json.load(open(network, encoding="utf-8"))["schools"]]
for view in ["network", "grouping:G<\\", "school:S1", "authority", "grouping-overview"]:
    for theme in ["default", "print"]:
        svg = f"{out}/hostile-{theme}.svg"
        subprocess.run([exe, "render", network, "--view", view, "--theme", theme, "--labels",
                        "-o", svg], check=True)
        tree = ET.parse(svg)  # raises on malformed XML
        text = " ".join(t.text or "" for t in tree.iter("{http://www.w3.org/2000/svg}text"))
        if view == "network":
            for name in names:
                words = name.replace("\x01", " ").split()
                for word in words[:2]:
                    if word not in text and len(word) < 18:
                        sys.exit(f"{view}: '{word}' of {name!r} not drawn; text: {text[:300]}")
print("ok")
