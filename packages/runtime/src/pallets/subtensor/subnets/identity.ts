// set_subnet_identity [78] (the subnet owner describes the subnet) and set_identity [68] (a coldkey with a
// registered hotkey describes itself): length limits per field and in total, as subtensor's identity.rs.

import { bytesEqual } from "@opentao/primitives";
import { BadOrigin, type CallContext, type DispatchResult, moduleErrors } from "../../../frame/dispatch.ts";
import type { StateReader } from "../../../frame/state.ts";
import { storage as st, subtensorPallet } from "../pallet.ts";

const E = moduleErrors(subtensorPallet);

export interface SubnetIdentity {
  subnet_name: Uint8Array;
  github_repo: Uint8Array;
  subnet_contact: Uint8Array;
  subnet_url: Uint8Array;
  discord: Uint8Array;
  description: Uint8Array;
  logo_url: Uint8Array;
  additional: Uint8Array;
}

export interface ChainIdentity {
  name: Uint8Array;
  url: Uint8Array;
  github_repo: Uint8Array;
  image: Uint8Array;
  discord: Uint8Array;
  description: Uint8Array;
  additional: Uint8Array;
}

/**
 * `is_valid_subnet_identity`: per-field caps (name, discord 256; the rest 1024). The chain's total only
 * adds name, repo and contact against the sum of all caps, so the per-field caps decide.
 */
export function isValidSubnetIdentity(i: SubnetIdentity): boolean {
  const total = i.subnet_name.length + i.github_repo.length + i.subnet_contact.length;
  return (
    total <= 256 + 1024 * 6 + 256 &&
    i.subnet_name.length <= 256 &&
    i.github_repo.length <= 1024 &&
    i.subnet_contact.length <= 1024 &&
    i.subnet_url.length <= 1024 &&
    i.discord.length <= 256 &&
    i.description.length <= 1024 &&
    i.logo_url.length <= 1024 &&
    i.additional.length <= 1024
  );
}

/** `is_valid_identity`: per-field caps (name, url, repo, discord 256; image, description, additional 1024). */
export function isValidChainIdentity(i: ChainIdentity): boolean {
  const total =
    i.name.length +
    i.url.length +
    i.image.length +
    i.discord.length +
    i.description.length +
    i.additional.length;
  return (
    total <= 256 * 4 + 1024 * 3 &&
    i.name.length <= 256 &&
    i.url.length <= 256 &&
    i.github_repo.length <= 256 &&
    i.image.length <= 1024 &&
    i.discord.length <= 256 &&
    i.description.length <= 1024 &&
    i.additional.length <= 1024
  );
}

export function setSubnetIdentity(
  ctx: CallContext,
  args: SubnetIdentity & { netuid: number },
): DispatchResult {
  if (ctx.origin.kind !== "signed") return BadOrigin;
  const { netuid, ...identity } = args;
  if (!bytesEqual(st.SubnetOwner.get(ctx.state, netuid), ctx.origin.who)) return E.NotSubnetOwner;
  if (!isValidSubnetIdentity(identity)) return E.InvalidIdentity;
  st.SubnetIdentitiesV3.set(ctx.state, netuid, identity);
  ctx.deposit("SubtensorModule", "SubnetIdentitySet", netuid);
  return undefined;
}

function registeredOnAnyNetwork(s: StateReader, hotkey: Uint8Array): boolean {
  for (const [, member] of st.IsNetworkMember.entries(s, hotkey)) if (member) return true;
  return false;
}

export function setIdentity(ctx: CallContext, args: ChainIdentity): DispatchResult {
  if (ctx.origin.kind !== "signed") return BadOrigin;
  const coldkey = ctx.origin.who;
  if (!st.OwnedHotkeys.get(ctx.state, coldkey).some((hk) => registeredOnAnyNetwork(ctx.state, hk)))
    return E.HotKeyNotRegisteredInNetwork;
  if (!isValidChainIdentity(args)) return E.InvalidIdentity;
  const { name, url, github_repo, image, discord, description, additional } = args;
  st.IdentitiesV2.set(ctx.state, coldkey, {
    name,
    url,
    github_repo,
    image,
    discord,
    description,
    additional,
  });
  ctx.deposit("SubtensorModule", "ChainIdentitySet", coldkey);
  return undefined;
}
