"""Discord's numbers the sandbox speaks (API prefix, interaction, callback and option types, the loading
flag) and the errors a user action raises when Discord would not let the user do it."""

from __future__ import annotations

API_PREFIX = "/api/v10"
LOADING = 128
# Interaction types and callback types.
PING, APPLICATION_COMMAND, MESSAGE_COMPONENT, AUTOCOMPLETE, MODAL_SUBMIT = 1, 2, 3, 4, 5
CB_PONG, CB_MESSAGE, CB_DEFERRED, CB_DEFERRED_UPDATE, CB_UPDATE, CB_AUTOCOMPLETE, CB_MODAL = 1, 4, 5, 6, 7, 8, 9
# Option types.
SUB_COMMAND, SUB_COMMAND_GROUP, STRING, INTEGER, BOOLEAN, USER, CHANNEL, ROLE, MENTIONABLE, NUMBER = range(1, 11)


class SandboxError(Exception):
    """Something a Discord user could not do (unknown command, missing option, no permission, ...)."""


class CommandUnavailable(SandboxError):
    """The command exists but Discord would not offer it to this user here (DM context, member permissions)."""

