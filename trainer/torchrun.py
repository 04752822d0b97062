#!/usr/bin/env python3
# Owns a working `torchrun` where the installed one is broken: torch before 2.0 on Python 3.11
# (Debian bookworm's python3-torch 1.13) crashes at start with "AttributeError: 'NoneType' object
# has no attribute 'get'", because Python 3.11 no longer iterates the zero-valued member of an
# IntFlag, so torchrun's Std.from_str('0') (the default of --redirects and --tee) finds nothing.
# This is torchrun itself (torch.distributed.run), with that parser fixed when it is broken:
#
#   python3 trainer/torchrun.py --nproc_per_node 2 trainer/train.py …   (same arguments)
from __future__ import annotations

import re

from torch.distributed.elastic.multiprocessing import api
from torch.distributed.run import main


def std_from_str(vm: str) -> api.Std | dict[int, api.Std]:
    """'0'…'3' → one Std for every process, '0:3,1:0' → one per local rank."""
    if re.match(api._VALUE_REGEX, vm):
        return api.Std(int(vm))
    if re.match(api._MAPPING_REGEX, vm):
        return {int(rank): api.Std(int(value))
                for rank, value in (pair.split(':') for pair in vm.split(','))}
    raise ValueError(f'{vm} does not match <{api._VALUE_REGEX}> or <{api._MAPPING_REGEX}>')


if __name__ == '__main__':
    if api.Std.from_str('0') is None:
        api.Std.from_str = staticmethod(std_from_str)
    main()
