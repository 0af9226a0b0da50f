"""Witness API: submit, check status, add follow-ups. No cookies, no client addresses."""

from __future__ import annotations

from fastapi import APIRouter, status

from intake.api.schemas import (
    FollowupIn,
    ReceiptIn,
    ReceiptOut,
    TestimonyIn,
    WithdrawIn,
    WithdrawnOut,
    WitnessStatusOut,
    errors,
)
from intake.deps import AppServices, DbSession
from intake.errors import InvalidInput
from intake.services import shredding, witness

router = APIRouter(
    prefix="/api/v1", tags=["witness"], responses=errors(400, 404, 409, 413, 422, 429)
)

RECEIPT_ADVICE = (
    "Keep this receipt code safe: write it down on paper and keep it away from your phone. "
    "It is shown only once and is the only way to check the status or add to your testimony."
)


@router.post("/testimonies", status_code=status.HTTP_201_CREATED, response_model=ReceiptOut)
def submit(body: TestimonyIn, db: DbSession, services: AppServices) -> ReceiptOut:
    receipt = witness.submit_testimony(
        db, services, text=body.text, language=body.language, hide=body.hide
    )
    return ReceiptOut(receipt=receipt.code, message=RECEIPT_ADVICE)


@router.post("/receipts/status", response_model=WitnessStatusOut)
def receipt_status(body: ReceiptIn, db: DbSession, services: AppServices) -> WitnessStatusOut:
    found = witness.receipt_status(db, services, receipt=body.receipt)
    return WitnessStatusOut(**found.__dict__)


@router.post(
    "/receipts/messages", status_code=status.HTTP_201_CREATED, response_model=WitnessStatusOut
)
def add_message(body: FollowupIn, db: DbSession, services: AppServices) -> WitnessStatusOut:
    found = witness.add_followup(db, services, receipt=body.receipt, text=body.text)
    return WitnessStatusOut(**found.__dict__)


@router.post("/receipts/withdraw", response_model=WithdrawnOut)
def withdraw(body: WithdrawIn, db: DbSession, services: AppServices) -> WithdrawnOut:
    """Delete the testimony and everything added to it; the receipt stops working."""
    if not body.confirm:
        raise InvalidInput("Set confirm to true: a withdrawal cannot be undone.")
    shredding.withdraw(db, services, receipt=body.receipt)
    return WithdrawnOut(
        withdrawn=True,
        message="Your testimony, its additions and files were deleted. "
        "The receipt no longer works.",
    )
