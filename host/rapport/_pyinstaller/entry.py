"""Entry script of the frozen host (dist/host/rapport-host): runs the native-messaging host."""

import sys

from rapport.host import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
