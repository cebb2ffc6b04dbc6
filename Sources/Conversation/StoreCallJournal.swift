import Foundation
import ParleyCore

/// Writes a call's transcript into the store's call record and, when the call belongs to a
/// conversation, into that conversation's history (which a resumed session reads back).
public struct StoreCallJournal: CallJournal {
    let store: any Store
    let call: Call
    let conversationID: UUID?

    public init(store: any Store, call: Call, conversationID: UUID?) {
        self.store = store
        self.call = call
        self.conversationID = conversationID
    }

    public func record(_ turn: CallTurn) async throws {
        try await store.appendTurn(turn, callID: call.id, organizationID: call.organizationID)
        if let conversationID {
            try await store.appendConversationMessage(ConversationMessage(role: turn.role, text: turn.text, at: turn.at), conversationID: conversationID)
        }
    }

    public func pressed(_ digits: String) async throws {
        try await store.appendDigits(digits, callID: call.id, organizationID: call.organizationID)
    }

    public func finish(_ ending: CallEnding, at date: Date) async throws {
        let status: CallStatus = if case .failed = ending { .failed } else { .completed }
        _ = try await store.finishCall(id: call.id, organizationID: call.organizationID, status: status, at: date)
    }
}
