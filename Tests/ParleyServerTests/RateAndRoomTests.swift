import Foundation
@testable import ParleyServer
import Testing

@Suite struct TokenBucketTests {
    @Test func allowsTheCapacityThenRefusesUntilRefilled() {
        var bucket = TokenBucket(capacity: 3, window: 60, now: 0)
        #expect((0..<3).map { _ in bucket.take(now: 0) } == [.allowed, .allowed, .allowed])
        #expect(bucket.take(now: 0) == .limited(retryAfter: 20))
        #expect(bucket.take(now: 10) == .limited(retryAfter: 10))
        #expect(bucket.take(now: 20) == .allowed)
        #expect(!bucket.isFull(now: 20))
        #expect(bucket.isFull(now: 80))
    }

    @Test func neverHoldsMoreThanItsCapacity() {
        var bucket = TokenBucket(capacity: 2, window: 60, now: 0)
        #expect(bucket.take(now: 10_000) == .allowed)
        #expect(bucket.take(now: 10_000) == .allowed)
        #expect(bucket.take(now: 10_000) != .allowed)
    }

    @Test func aClockGoingBackwardsGivesNothingAway() {
        var bucket = TokenBucket(capacity: 1, window: 60, now: 100)
        #expect(bucket.take(now: 100) == .allowed)
        #expect(bucket.take(now: 50) != .allowed)
    }

    @Test func theLimiterKeepsKeysApart() {
        let limiter = RateLimiter(perMinute: 1)
        let (a, b) = (UUID(), UUID())
        #expect(limiter.take(a) == .allowed)
        #expect(limiter.take(a) != .allowed)
        #expect(limiter.take(b) == .allowed)
    }
}

@Suite struct RoomNameTests {
    @Test func theSeedShapes() {
        let agent = UUID(uuidString: "5B710ECA-EE67-4C3A-AEB6-8B541F451B40")!
        #expect(RoomNames.voiceSession(agentID: agent, userID: "user123", milliseconds: 1_705_312_800_000)
            == "agent_5b710eca-ee67-4c3a-aeb6-8b541f451b40_user123_1705312800000")
        #expect(RoomNames.conversation(workspaceID: agent, chatID: "xyz789") == "ws_5b710eca-ee67-4c3a-aeb6-8b541f451b40::chat_xyz789")
        #expect(RoomNames.webRTC(agentID: agent, suffix: "abc123") == "room_5b710eca_ee67_4c3a_aeb6_8b541f451b40_abc123")
        #expect(RoomNames.randomSuffix().count == 12)
    }

    @Test func timestampsNeverRepeat() {
        let stamps = UniqueMilliseconds()
        let now = Date(timeIntervalSince1970: 1_000)
        let values = (0..<5).map { _ in stamps.next(now: now) }
        #expect(values == [1_000_000, 1_000_001, 1_000_002, 1_000_003, 1_000_004])
        #expect(stamps.next(now: Date(timeIntervalSince1970: 2_000)) == 2_000_000)
    }
}
