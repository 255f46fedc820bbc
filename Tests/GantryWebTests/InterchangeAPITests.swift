import Foundation
import GantryModel
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// Plans in and out over the API (Sources/GantryWeb/Interchange/InterchangeRoutes.swift): imports of real corpus files as
/// multipart and as a raw body, refusals with the place named, exports, calendar feeds.
@Suite("Interchange over the API")
struct InterchangeAPITests {
    static let schedules = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("../shared/data/schedules").standardizedFileURL

    static func file(_ path: String) throws -> Data { try Data(contentsOf: schedules.appendingPathComponent(path)) }

    static func multipart(_ data: Data, fileName: String, fields: [String: String] = [:]) -> (ByteBuffer, String) {
        let boundary = "gantry-test-boundary-7f3a"
        var body = ByteBuffer()
        for (name, value) in fields {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(fileName)\"\r\nContent-Type: application/octet-stream\r\n\r\n")
        body.writeBytes(data)
        body.writeString("\r\n--\(boundary)--\r\n")
        return (body, "multipart/form-data; boundary=\(boundary)")
    }

    @Test("a Primavera XER upload becomes a project with the file's activities; its report is served")
    func xerUpload() async throws {
        let h = try await Harness.make()
        try await h.test { c in
            let portfolio = try await c.create("portfolios", #"{"code": "PF", "name": "Portfolio"}"#)
            let (body, type) = Self.multipart(try Self.file("xer/mpxj_calendar-invalid-8.4.xer"), fileName: "plant.xer",
                                              fields: ["code": "PLANT", "name": "Plant shutdown"])
            let reply = Harness.Reply(try await c.client.execute(
                uri: "/api/v1/portfolios/\(portfolio)/imports", method: .post,
                headers: [.authorization: "Bearer \(c.tokens[.pmoDirector]!)", .contentType: type], body: body))
            #expect(reply.status == .created, "\(reply.text)")
            #expect(reply.string("format") == "xer")
            // The file's TASK table has 12 rows.
            guard case .object(let counts)? = reply["counts"] else { Issue.record("no counts"); return }
            #expect((counts["activities"]?.int ?? 0) - (counts["summaries"]?.int ?? 0) == 12)
            let project = try #require(reply.int("project_id"))
            let location = try #require(reply.headers[.location])
            let again = try await c.send(.get, location)
            #expect(again.status == .ok && again.int("project_id") == project)
            let activities = try await c.send(.get, "/api/v1/activities?project_id=\(project)&limit=500")
            #expect(Int64(activities.items.count) == counts["activities"]?.int)
            let p = try await c.send(.get, "/api/v1/projects/\(project)")
            #expect(p.string("code") == "PLANT" && p.string("name") == "Plant shutdown")
            let list = try await c.send(.get, "/api/v1/portfolios/\(portfolio)/imports")
            #expect(list.items.count == 1)
        }
    }

    /// `jaggelas_test.xer` holds two projects: 935 (id 4517, 3 activities, not flagged for export) and 10001
    /// (id 4533, 692 activities, flagged), counted from its PROJECT and TASK rows.
    @Test("a P6 file of several projects imports the exported one, or the one named; an unknown name is 422 at 'project'")
    func chooseAProject() async throws {
        let h = try await Harness.make()
        try await h.test { c in
            let portfolio = try await c.create("portfolios", #"{"code": "PF", "name": "Portfolio"}"#)
            let data = try Self.file("xer-progressed/jaggelas_test.xer")
            func upload(_ fields: [String: String]) async throws -> Harness.Reply {
                let (body, type) = Self.multipart(data, fileName: "jaggelas.xer", fields: fields)
                return Harness.Reply(try await c.client.execute(
                    uri: "/api/v1/portfolios/\(portfolio)/imports", method: .post,
                    headers: [.authorization: "Bearer \(c.tokens[.pmoDirector]!)", .contentType: type], body: body))
            }
            let exported = try await upload(["code": "J1"])
            #expect(exported.status == .created, "\(exported.text)")
            #expect((exported["counts"]?["activities"]?.int ?? 0) - (exported["counts"]?["summaries"]?.int ?? 0) == 692)
            let named = try await upload(["code": "J2", "project": "935"])
            #expect(named.status == .created, "\(named.text)")
            #expect((named["counts"]?["activities"]?.int ?? 0) - (named["counts"]?["summaries"]?.int ?? 0) == 3)
            let unknown = try await upload(["code": "J3", "project": "HBTF-2"])
            #expect(unknown.status == .unprocessableContent)
            #expect(unknown.problemFields == ["project"])
            #expect(unknown.text.contains("'10001' (id 4533)"))
            let list = try await c.send(.get, "/api/v1/portfolios/\(portfolio)/imports")
            #expect(list.items.count == 2)
        }
    }

    @Test("a GanttProject file sent as the raw body keeps its 20 tasks and 17 dependencies")
    func rawGanttProject() async throws {
        let h = try await Harness.make()
        try await h.test { c in
            let portfolio = try await c.create("portfolios", #"{"code": "PF", "name": "Portfolio"}"#)
            let reply = Harness.Reply(try await c.client.execute(
                uri: "/api/v1/portfolios/\(portfolio)/imports?file_name=house.gan", method: .post,
                headers: [.authorization: "Bearer \(c.tokens[.admin]!)", .contentType: "application/octet-stream"],
                body: ByteBuffer(bytes: try Self.file("gan/ganttproject_HouseBuildingSample.gan"))))
            #expect(reply.status == .created, "\(reply.text)")
            #expect(reply.string("format") == "gan")
            // The file holds 20 <task> and 17 <depend> elements.
            #expect(reply["counts"]?["activities"]?.int == 20)
            #expect(reply["counts"]?["dependencies"]?.int == 17)
            let project = try #require(reply.int("project_id"))
            let p = try await c.send(.get, "/api/v1/projects/\(project)")
            #expect(p.string("code") == "HOUSE")
        }
    }

    @Test("late finishes the file's own project finish contradicts are counted as stale in the report and named on its page")
    func staleLateFinishes() async throws {
        let h = try await Harness.make()
        let director = try await StageGateUITests.signIn(h, .pmoDirector)
        try await h.test { c in
            let portfolio = try await c.create("portfolios", #"{"code": "PF", "name": "Portfolio"}"#)
            // mpxj_mspdiduration.xml: tasks 1–4 follow nothing and store a late finish of 2009-04-21 17:00, while the
            // file's project finish (FinishDate, Task 10's finish) is 2009-04-24 08:00.
            let reply = Harness.Reply(try await c.client.execute(
                uri: "/api/v1/portfolios/\(portfolio)/imports?file_name=duration.xml", method: .post,
                headers: [.authorization: "Bearer \(c.tokens[.admin]!)", .contentType: "application/xml"],
                body: ByteBuffer(bytes: try Self.file("mspdi/mpxj_mspdiduration.xml"))))
            #expect(reply.status == .created, "\(reply.text)")
            #expect(reply["agreement"]?["stale_tasks"]?.int == 4, "\(reply.text)")
            let id = try #require(reply.int("id"))
            let page = try await StageGateUITests.page(c, "/imports/\(id)", director)
            #expect(page.status == .ok)
            #expect(page.text.contains(#"id="agreement-stale""#) && page.text.contains("4 of these tasks"), "\(page.text)")

            // A file whose stored dates hold together has no such count and no such notice.
            let sample = Harness.Reply(try await c.client.execute(
                uri: "/api/v1/portfolios/\(portfolio)/imports?file_name=sample.xml", method: .post,
                headers: [.authorization: "Bearer \(c.tokens[.admin]!)", .contentType: "application/xml"],
                body: ByteBuffer(bytes: try Self.file("mspdi/mpxj_legacy_sample.xml"))))
            #expect(sample.status == .created)
            #expect(sample["agreement"]?["stale_tasks"] == nil || sample["agreement"]?["stale_tasks"] == .null)
            let plain = try await StageGateUITests.page(c, "/imports/\(try #require(sample.int("id")))", director)
            #expect(!plain.text.contains(#"id="agreement-stale""#))
        }
    }

    @Test("a cut-short file is refused with 422 naming the line; no file is 400; a team member is refused; nothing is stored")
    func refusals() async throws {
        let h = try await Harness.make()
        try await h.test { c in
            let portfolio = try await c.create("portfolios", #"{"code": "PF", "name": "Portfolio"}"#)
            let sample = try Self.file("mspdi/mpxj_legacy_sample.xml")
            let (cut, type) = Self.multipart(sample.prefix(4000), fileName: "cut.xml")
            let refused = Harness.Reply(try await c.client.execute(
                uri: "/api/v1/portfolios/\(portfolio)/imports", method: .post,
                headers: [.authorization: "Bearer \(c.tokens[.admin]!)", .contentType: type], body: cut))
            #expect(refused.status == .unprocessableContent, "\(refused.text)")
            #expect(refused.problemFields == ["file"])
            #expect(refused.string("detail")?.contains("line") == true, "\(refused.text)")

            let empty = Harness.Reply(try await c.client.execute(
                uri: "/api/v1/portfolios/\(portfolio)/imports", method: .post,
                headers: [.authorization: "Bearer \(c.tokens[.admin]!)", .contentType: "multipart/form-data; boundary=x"],
                body: ByteBuffer(string: "--x\r\nContent-Disposition: form-data; name=\"code\"\r\n\r\nA\r\n--x--\r\n")))
            #expect(empty.status == .badRequest, "\(empty.text)")

            let (whole, type2) = Self.multipart(sample, fileName: "sample.xml")
            let member = Harness.Reply(try await c.client.execute(
                uri: "/api/v1/portfolios/\(portfolio)/imports", method: .post,
                headers: [.authorization: "Bearer \(c.tokens[.teamMember]!)", .contentType: type2], body: whole))
            #expect(member.status == .forbidden)
            let projects = try await c.send(.get, "/api/v1/projects?portfolio_id=\(portfolio)")
            #expect(projects.items.isEmpty)
        }
    }

    @Test("a project exports as MS Project XML, CSV and a workbook; an unknown format is 422")
    func exports() async throws {
        let h = try await Harness.make()
        try await h.test { c in
            let portfolio = try await c.create("portfolios", #"{"code": "PF", "name": "Portfolio"}"#)
            let (body, type) = Self.multipart(try Self.file("mspdi/mpxj_legacy_sample.xml"), fileName: "sample.xml")
            let imported = Harness.Reply(try await c.client.execute(
                uri: "/api/v1/portfolios/\(portfolio)/imports", method: .post,
                headers: [.authorization: "Bearer \(c.tokens[.admin]!)", .contentType: type], body: body))
            let project = try #require(imported.int("project_id"))
            let xml = try await c.send(.get, "/api/v1/projects/\(project)/export?format=mspdi")
            #expect(xml.status == .ok && xml.headers[.contentType] == "application/xml")
            #expect(xml.text.contains("<Project xmlns=\"http://schemas.microsoft.com/project\">"))
            #expect(xml.headers[.contentDisposition] == "attachment; filename=\"SAMPLE.xml\"")
            let csv = try await c.send(.get, "/api/v1/projects/\(project)/export?format=csv")
            #expect(csv.status == .ok)
            // A header record and one record per activity, CRLF-terminated (RFC 4180).
            #expect(csv.text.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count
                    == 1 + Int(imported["counts"]?["activities"]?.int ?? -1))
            let xlsx = try await c.send(.get, "/api/v1/projects/\(project)/export?format=xlsx")
            #expect(xlsx.status == .ok && xlsx.text.hasPrefix("PK"))
            let list = try await c.send(.get, "/api/v1/portfolios/\(portfolio)/export?format=csv")
            #expect(list.text.hasPrefix("Code,Project,"))
            let bad = try await c.send(.get, "/api/v1/projects/\(project)/export?format=pdf")
            #expect(bad.status == .unprocessableContent)
        }
    }

    @Test("a calendar feed is read at its own address without signing in; any other token is 404")
    func feeds() async throws {
        let h = try await Harness.make()
        try await h.test { c in
            let portfolio = try await c.create("portfolios", #"{"code": "PF", "name": "Portfolio"}"#)
            let project = try await c.create("projects", #"{"portfolio_id": \#(portfolio), "code": "P1", "name": "One"}"#)
            _ = try await c.create("activities", #"{"project_id": \#(project), "code": "M1", "name": "Go live", "kind": "milestone", "planned_start": "2027-03-01", "planned_finish": "2027-03-01"}"#)
            let made = try await c.send(.post, "/api/v1/projects/\(project)/calendar-feed", as: .teamMember)
            #expect(made.status == .created, "\(made.text)")
            let url = try #require(made.string("url"))
            let at = try #require(url.range(of: "/feeds/"))
            let path = String(url[at.lowerBound...])
            let feed = try await c.send(.get, path, as: nil)
            #expect(feed.status == .ok)
            #expect(feed.headers[.contentType] == "text/calendar; charset=utf-8")
            #expect(feed.text.contains("BEGIN:VEVENT\r\n") && feed.text.contains("DTSTART;VALUE=DATE:20270301"))
            #expect(feed.text.contains("P1 ◆ Go live"))
            let wrong = try await c.send(.get, "/feeds/not-a-token.ics", as: nil)
            #expect(wrong.status == .notFound)
        }
    }
}
