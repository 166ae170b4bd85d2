import sys

from rapport.host import main

sys.exit(main())
