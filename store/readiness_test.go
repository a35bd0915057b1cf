package store_test

import (
	"context"
	"testing"

	"partnerdocs/internal/pgtest"
	"partnerdocs/partnership"
)

// TestCheckWritable: the readiness probe writes its row (on SQLite it
// checkpoints too) and passes on a register that can be written.
func TestCheckWritable(t *testing.T) {
	eachDB(t, func(t *testing.T, r register) {
		ctx := context.Background()
		if err := r.CheckWritable(ctx); err != nil {
			t.Fatalf("CheckWritable on a healthy register: %v", err)
		}
		var probed int64
		if err := rawDB(t, r).QueryRowContext(ctx, `SELECT probed_us FROM readiness_probe WHERE id = 1`).Scan(&probed); err != nil {
			t.Fatalf("the probe's row: %v", err)
		}
		if probed != start.UnixMicro() {
			t.Errorf("probed_us %d, want the register's clock %d", probed, start.UnixMicro())
		}
	})
}

// TestStorageFullOnPostgres: PostgreSQL's disk_full (SQLSTATE 53100, raised
// here by triggers, as the server raises it when it cannot extend a file)
// is EStorageFull to the caller, the failed write leaves nothing behind,
// and CheckWritable then fails at once, without waiting for its next
// probe. The probe itself answers from its cache between probes. (SQLite's
// disk full is tested on a real file-size limit in cmd/partnerdocs.)
func TestStorageFullOnPostgres(t *testing.T) {
	r := openRegister(t, pgtest.Schema(t))
	ctx := context.Background()
	if err := r.CheckWritable(ctx); err != nil {
		t.Fatalf("CheckWritable on a healthy register: %v", err)
	}
	raw := rawDB(t, r)
	if _, err := raw.ExecContext(ctx, noRoomSQL+`
		CREATE TRIGGER no_room BEFORE INSERT OR UPDATE ON readiness_probe FOR EACH ROW EXECUTE FUNCTION no_room();
		CREATE TRIGGER no_room BEFORE INSERT ON audit FOR EACH ROW EXECUTE FUNCTION no_room();`); err != nil {
		t.Fatal(err)
	}
	if err := r.CheckWritable(ctx); err != nil {
		t.Fatalf("CheckWritable just after a probe: %v, want the cached answer (no second probe yet)", err)
	}
	_, err := r.CreateToken(ctx, &partnership.Token{Name: "full", Role: partnership.RoleOfficer, Hash: make([]byte, 32)}, admin)
	if code := partnership.ErrorCode(err); code != partnership.EStorageFull {
		t.Fatalf("a write on a full disk: %v (%s), want storage_full", err, code)
	}
	if _, err := r.TokenByHash(ctx, make([]byte, 32)); partnership.ErrorCode(err) != partnership.ENotFound {
		t.Errorf("the token of the failed write: %v, want not found (nothing half-written)", err)
	}
	if code := partnership.ErrorCode(r.CheckWritable(ctx)); code != partnership.EStorageFull {
		t.Errorf("CheckWritable after a write found no room: %s, want storage_full", code)
	}

	// A register whose first probe finds no room says so.
	fresh := openRegister(t, pgtest.Schema(t))
	if _, err := rawDB(t, fresh).ExecContext(ctx, noRoomSQL+`
		CREATE TRIGGER no_room BEFORE INSERT OR UPDATE ON readiness_probe FOR EACH ROW EXECUTE FUNCTION no_room();`); err != nil {
		t.Fatal(err)
	}
	if code := partnership.ErrorCode(fresh.CheckWritable(ctx)); code != partnership.EStorageFull {
		t.Errorf("a probe that finds no room: %s, want storage_full", code)
	}
}

// noRoomSQL makes a trigger function that fails as a full disk does.
const noRoomSQL = `CREATE FUNCTION no_room() RETURNS trigger LANGUAGE plpgsql AS $$
	BEGIN RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = 'disk_full'; END $$;`
