# Owns the process group: one process, or several started by torchrun (DistributedDataParallel
# with gloo on CPU, nccl when CUDA is present), which device each process uses, how many CPU
# threads it may take, and the few collective helpers the training loop needs.
from __future__ import annotations

import os
from dataclasses import dataclass

import torch
import torch.distributed as dist


@dataclass(frozen=True)
class World:
    rank: int
    size: int
    local_rank: int
    device: torch.device

    @property
    def distributed(self) -> bool:
        return self.size > 1

    @property
    def is_main(self) -> bool:
        """Only the main process (rank 0) writes files and logs."""
        return self.rank == 0


def start(threads: int | None = None) -> World:
    """Joins torchrun's process group when started by it (WORLD_SIZE > 1), else one process."""
    size = int(os.environ.get('WORLD_SIZE', '1'))
    rank = int(os.environ.get('RANK', '0'))
    local_rank = int(os.environ.get('LOCAL_RANK', '0'))
    local_size = int(os.environ.get('LOCAL_WORLD_SIZE', '1'))
    if torch.cuda.is_available():
        torch.cuda.set_device(local_rank)
        device = torch.device('cuda', local_rank)
    else:
        device = torch.device('cpu')
    # Processes on one machine share its cores rather than each taking all of them.
    cores = os.cpu_count() or 1
    torch.set_num_threads(threads or max(1, cores // local_size))
    if size > 1:
        dist.init_process_group('nccl' if device.type == 'cuda' else 'gloo')
    return World(rank, size, local_rank, device)


def stop(world: World) -> None:
    if world.distributed:
        dist.destroy_process_group()


def sum_over_processes(values: list[float], world: World) -> list[float]:
    """Element-wise sum of `values` over every process (the values themselves in one process)."""
    if not world.distributed:
        return values
    tensor = torch.tensor(values, dtype=torch.float64, device=world.device)
    dist.all_reduce(tensor)
    return tensor.tolist()


def wait_for_all(world: World) -> None:
    if world.distributed:
        dist.barrier()
