import GantryModel
import HTTPTypes
import Testing

/// Permissions are decided in the services; these check that the API carries the decision and its reason.
@Suite("Permissions through the API")
struct PermissionAPITests {
    @Test("read-only roles can read but not write", arguments: [Role.executive, .teamMember, .requester])
    func readOnly(role: Role) async throws {
        try await Harness.make().test { (c: Harness.Client) async throws in
            let pf = try await c.create("portfolios", #"{"code":"PF","name":"P"}"#)
            #expect(try await c.send(.get, "/api/v1/portfolios/\(pf)", as: role).status == .ok)
            let create = try await c.send(.post, "/api/v1/portfolios", as: role, json: #"{"code":"X","name":"X"}"#)
            #expect(create.status == .forbidden)
            #expect(create.string("detail")?.contains("may not create portfolios") == true, "\(create.text)")
            let update = try await c.send(.patch, "/api/v1/portfolios/\(pf)", as: role, json: #"{"name":"Y"}"#)
            #expect(update.status == .forbidden)
            #expect(try await c.send(.get, "/api/v1/portfolios/\(pf)").string("name") == "P")
        }
    }

    @Test("a project manager changes the projects they manage and no others")
    func projectManager() async throws {
        let harness = try await Harness.make()
        let pm = harness.users[.projectManager]!.id
        let admin = harness.users[.admin]!.id
        try await harness.test { (c: Harness.Client) async throws in
            let pf = try await c.create("portfolios", #"{"code":"PF","name":"P"}"#)
            let mine = try await c.create("projects", #"{"portfolio_id":\#(pf),"code":"MINE","name":"Mine","manager_id":\#(pm.rawValue)}"#)
            let other = try await c.create("projects", #"{"portfolio_id":\#(pf),"code":"OTHER","name":"Other"}"#)
            #expect(try await c.send(.patch, "/api/v1/projects/\(mine)", as: .projectManager, json: #"{"health":"amber"}"#).status == .ok)
            let refused = try await c.send(.patch, "/api/v1/projects/\(other)", as: .projectManager, json: #"{"health":"red"}"#)
            #expect(refused.status == .forbidden)
            #expect(refused.string("detail")?.contains("only the projects they manage") == true)
            let act = try await c.send(.post, "/api/v1/activities", as: .projectManager, json: #"{"project_id":\#(mine),"code":"A","name":"A"}"#)
            #expect(act.status == .created)
            let act2 = try await c.send(.post, "/api/v1/activities", as: .projectManager, json: #"{"project_id":\#(other),"code":"A","name":"A"}"#)
            #expect(act2.status == .forbidden)
            // Handing the project to someone else is also a change they may not make.
            let handOff = try await c.send(.patch, "/api/v1/projects/\(mine)", as: .projectManager, json: #"{"manager_id":\#(admin.rawValue)}"#)
            #expect(handOff.status == .forbidden)
        }
    }

    @Test("only the admin and the PMO may list users; everyone may see themselves")
    func userList() async throws {
        let harness = try await Harness.make()
        let exec = harness.users[.executive]!.id
        try await harness.test { (c: Harness.Client) async throws in
            #expect(try await c.send(.get, "/api/v1/users", as: .pmoAnalyst).status == .ok)
            #expect(try await c.send(.get, "/api/v1/users", as: .projectManager).status == .forbidden)
            #expect(try await c.send(.get, "/api/v1/users/\(exec)", as: .executive).status == .ok)
            #expect(try await c.send(.post, "/api/v1/users", as: .pmoDirector,
                                     json: #"{"username":"x","display_name":"X","role":"admin","password":"0123456789ab"}"#).status == .forbidden)
        }
    }
}
