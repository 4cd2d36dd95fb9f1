"""The reference for a cold query: parse every fact file under a folder with tomli."""

import os
import sys

import tomli


def main(root: str) -> None:
    """Parse every .toml file under ``root`` and print how many there were."""
    count = 0
    for directory, _, names in os.walk(root):
        for name in names:
            if name.endswith(".toml"):
                with open(os.path.join(directory, name), "rb") as handle:
                    tomli.load(handle)
                count += 1
    print(count)


if __name__ == "__main__":
    main(sys.argv[1])
