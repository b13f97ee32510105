// SubtensorModule calls of this family: add_stake, remove_stake and their limit variants, move/transfer/swap stake, unstake_all, recycle/burn alpha; takes and child keys.
// Each handler validates in the chain's order and returns its error by name; the executive discards a failed
// call's writes.

import type { CallHandlers } from "../../../runtime/handlers.ts";
import { addStake, addStakeBurn, addStakeLimit } from "./add.ts";
import {
  setChildkeyTake,
  setChildren,
  setPendingChildkeyCooldown,
  sudoSetMaxChildkeyTake,
  sudoSetMinChildkeyTake,
  sudoSetTxChildkeyTakeRateLimit,
} from "./children.ts";
import { moveStake, swapStake, swapStakeLimit, transferStake } from "./move.ts";
import { burnAlpha, recycleAlpha } from "./recycle.ts";
import {
  removeStake,
  removeStakeFullLimit,
  removeStakeLimit,
  unstakeAll,
  unstakeAllAlpha,
} from "./remove.ts";
import { decreaseTake, increaseTake } from "./takes.ts";

export const stakingCalls: CallHandlers = {
  add_stake: addStake,
  remove_stake: removeStake,
  add_stake_limit: addStakeLimit,
  remove_stake_limit: removeStakeLimit,
  remove_stake_full_limit: removeStakeFullLimit,
  move_stake: moveStake,
  transfer_stake: transferStake,
  swap_stake: swapStake,
  swap_stake_limit: swapStakeLimit,
  unstake_all: unstakeAll,
  unstake_all_alpha: unstakeAllAlpha,
  recycle_alpha: recycleAlpha,
  burn_alpha: burnAlpha,
  add_stake_burn: addStakeBurn,
  increase_take: increaseTake,
  decrease_take: decreaseTake,
  set_children: setChildren,
  set_childkey_take: setChildkeyTake,
  set_pending_childkey_cooldown: setPendingChildkeyCooldown,
  sudo_set_tx_childkey_take_rate_limit: sudoSetTxChildkeyTakeRateLimit,
  sudo_set_min_childkey_take: sudoSetMinChildkeyTake,
  sudo_set_max_childkey_take: sudoSetMaxChildkeyTake,
};
