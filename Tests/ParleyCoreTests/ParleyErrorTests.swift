import ParleyCore
import Testing

@Suite struct ParleyErrorTests {
    /// Seed 001's messages, verbatim, with their statuses.
    @Test func seedMessagesAreVerbatim() {
        #expect(ParleyError.invalidAPIKey.detail == "Invalid API key")
        #expect(ParleyError.invalidAPIKey.status == 401)
        #expect(ParleyError.insufficientCredits.detail == "Insufficient credits")
        #expect(ParleyError.insufficientCredits.status == 402)
        #expect(ParleyError.agentNotFound.detail == "Agent not found or does not belong to your organization")
        #expect(ParleyError.agentNotFound.status == 404)
        #expect(ParleyError.agentNotVoice.detail == "Agent must be Pipeline or Realtime architecture for voice sessions")
        #expect(ParleyError.missingField("agent_id", detail: "Agent ID is required").detail == "Agent ID is required")
        #expect(ParleyError.missingField("agent_id").status == 400)
        #expect(ParleyError.voiceSessionFailed("LiveKit connection failed").detail == "Failed to create voice session: LiveKit connection failed")
        #expect(ParleyError.voiceSessionFailed("x").status == 500)
    }

    @Test func statusesFollowTheDesign() {
        #expect(ParleyError.invalidField("voice_speed", "must be between 0.6 and 1.4").status == 422)
        #expect(ParleyError.unknownField("x").status == 422)
        #expect(ParleyError.payloadTooLarge(limit: 10).status == 413)
        #expect(ParleyError.unsupportedMediaType.status == 415)
        #expect(ParleyError.rateLimited(retryAfter: 3).status == 429)
        #expect(ParleyError.rateLimited(retryAfter: 3).retryAfter == 3)
        #expect(ParleyError.notFound("x").status == 404)
        #expect(ParleyError.conflict("x").status == 409)
    }
}
