"""Interactions the sandbox sent and how the bot answers them: the callback (message, deferral, update,
autocomplete choices, modal), followups and the interaction webhook's messages, with Discord's rules on
which answer fits which interaction."""

from __future__ import annotations

import asyncio
import copy
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from bot.sandbox.protocol import (
    APPLICATION_COMMAND,
    AUTOCOMPLETE,
    CB_AUTOCOMPLETE,
    CB_DEFERRED,
    CB_DEFERRED_UPDATE,
    CB_MESSAGE,
    CB_MODAL,
    CB_UPDATE,
    MESSAGE_COMPONENT,
    MODAL_SUBMIT,
)
from bot.sandbox.records import MessageRecord
from bot.sandbox.rest import (
    UNKNOWN_MESSAGE,
    UNKNOWN_WEBHOOK,
    RestRoutes,
    error,
    invalid_body,
    json_response,
    read_body,
)
from bot.sandbox.validate import validate_message


@dataclass
class InteractionState:
    """An interaction the sandbox sent and what the bot answered."""

    id: int
    token: str
    type: int
    channel_id: int
    guild_id: int | None
    user_id: int
    data: dict
    message_id: int | None = None  # the message a component sits on
    response_type: int | None = None
    original_message_id: int | None = None
    choices: list[dict] | None = None
    modal: dict | None = None
    followup_ids: list[int] = field(default_factory=list)
    answered: asyncio.Event = field(default_factory=asyncio.Event)


# The callback types Discord accepts for each interaction type.
ALLOWED_CALLBACKS = {
    APPLICATION_COMMAND: frozenset({CB_MESSAGE, CB_DEFERRED, CB_MODAL}),
    MESSAGE_COMPONENT: frozenset({CB_MESSAGE, CB_DEFERRED, CB_DEFERRED_UPDATE, CB_UPDATE, CB_MODAL}),
    AUTOCOMPLETE: frozenset({CB_AUTOCOMPLETE}),
    MODAL_SUBMIT: frozenset({CB_MESSAGE, CB_DEFERRED, CB_DEFERRED_UPDATE, CB_UPDATE}),
}


class InteractionRoutes(RestRoutes):
    """`/interactions/{id}/{token}/callback` and `/webhooks/{app_id}/{token}/...`."""

    def _interaction(self, request: web.Request) -> InteractionState | None:
        state = self.interactions.get(request.match_info["token"])
        if state is None:
            return None
        iid = request.match_info.get("interaction_id")
        if iid is not None and iid != str(state.id):
            return None
        app_id = request.match_info.get("app_id")
        if app_id is not None and app_id != str(self.world.application_id):
            return None
        return state

    async def _callback(self, request: web.Request) -> web.Response:
        state = self._interaction(request)
        if state is None:
            return error(404, 10062, "Unknown interaction")
        if state.response_type is not None:
            return error(400, 40060, "Interaction has already been acknowledged.")
        body = await read_body(request)
        kind = body.get("type")
        data = body.get("data") or {}
        channel = self.world.channel_by_id(state.channel_id)
        if kind not in ALLOWED_CALLBACKS.get(state.type, ()):
            return error(400, 40043, f"Interaction callback type {kind} is not valid for this interaction")
        if kind in (CB_MESSAGE, CB_UPDATE) and (problems := validate_message(data, edit=kind == CB_UPDATE)):
            return invalid_body(problems)
        state.response_type = kind
        info: dict[str, Any] = {"id": str(state.id), "type": state.type, "activity_instance_id": None,
                                "response_message_id": None, "response_message_loading": False,
                                "response_message_ephemeral": False}
        result: dict[str, Any] = {"interaction": info}
        rec = None
        if kind == CB_MESSAGE:
            rec = await self._bot_creates(channel, data, state)
        elif kind == CB_DEFERRED:
            rec = await self._bot_creates(channel, {"flags": data.get("flags", 0)}, state, loading=True)
            info["response_message_loading"] = True
        elif kind in (CB_DEFERRED_UPDATE, CB_UPDATE):
            rec = self.messages.get(state.message_id or 0)
            if rec is None:
                return error(400, 40043, "Only component interactions can update a message")
            if kind == CB_UPDATE:
                await self._bot_edits(rec, data)
        elif kind == CB_AUTOCOMPLETE:
            state.choices = list(data.get("choices") or [])
            self._record("autocomplete", state.channel_id, detail=state.choices)
        elif kind == CB_MODAL:
            state.modal = copy.deepcopy(data)
            self._record("modal", state.channel_id, detail={"interaction": state.token, "modal": state.modal})
        if rec is not None:
            state.original_message_id = rec.id
            info.update(response_message_id=str(rec.id), response_message_ephemeral=rec.ephemeral)
            if kind != CB_DEFERRED_UPDATE:
                result["resource"] = {"type": kind, "message": self.message_payload(rec)}
        if kind in (CB_AUTOCOMPLETE, CB_MODAL):
            result["resource"] = {"type": kind}
        state.answered.set()
        return json_response(result)

    async def _followup(self, request: web.Request) -> web.Response:
        state = self._interaction(request)
        if state is None or state.response_type is None or state.type == AUTOCOMPLETE:
            return error(*UNKNOWN_WEBHOOK)
        body = await read_body(request)
        if problems := validate_message(body):
            return invalid_body(problems)
        original = self.messages.get(state.original_message_id or 0)
        if original is not None and original.loading:
            await self._bot_edits(original, body)  # the first followup fills the "thinking" message
            rec = original
        else:
            rec = await self._bot_creates(self.world.channel_by_id(state.channel_id), body, state)
            state.followup_ids.append(rec.id)
        if request.query.get("wait", "").lower() in ("true", "1"):
            return json_response(self.message_payload(rec))
        return web.Response(status=204)

    def _webhook_message(self, request: web.Request, state: InteractionState) -> MessageRecord | None:
        raw = request.match_info["message_id"]
        mid = state.original_message_id if raw == "@original" else (int(raw) if raw.isdigit() else None)
        rec = self.messages.get(mid or 0)
        if rec is None or rec.deleted:
            return None
        if rec.id != state.original_message_id and rec.id not in state.followup_ids:
            return None
        return rec

    async def _webhook_get(self, request: web.Request) -> web.Response:
        state = self._interaction(request)
        rec = self._webhook_message(request, state) if state else None
        return json_response(self.message_payload(rec)) if rec else error(*UNKNOWN_MESSAGE)

    async def _webhook_edit(self, request: web.Request) -> web.Response:
        state = self._interaction(request)
        if state is None:
            return error(*UNKNOWN_WEBHOOK)
        rec = self._webhook_message(request, state)
        if rec is None:
            return error(*UNKNOWN_MESSAGE)
        return await self._edit_from_request(request, rec)

    async def _webhook_delete(self, request: web.Request) -> web.Response:
        state = self._interaction(request)
        rec = self._webhook_message(request, state) if state else None
        if rec is None:
            return error(*UNKNOWN_MESSAGE)
        await self._delete(rec)
        return web.Response(status=204)
